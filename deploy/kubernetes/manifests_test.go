// Package kubernetes holds the bot's Kubernetes manifests; its test keeps
// them to what the README says of them.
package kubernetes

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// The subset of the Kubernetes objects the test reads.
type (
	object struct {
		APIVersion string `yaml:"apiVersion"`
		Kind       string `yaml:"kind"`
		Metadata   struct {
			Name   string            `yaml:"name"`
			Labels map[string]string `yaml:"labels"`
		} `yaml:"metadata"`
		file string
		node yaml.Node
	}
	workload struct {
		Spec struct {
			Replicas            *int   `yaml:"replicas"`
			ServiceName         string `yaml:"serviceName"`
			PodManagementPolicy string `yaml:"podManagementPolicy"`
			Selector            struct {
				MatchLabels map[string]string `yaml:"matchLabels"`
			} `yaml:"selector"`
			Template struct {
				Metadata struct {
					Labels map[string]string `yaml:"labels"`
				} `yaml:"metadata"`
				Spec podSpec `yaml:"spec"`
			} `yaml:"template"`
		} `yaml:"spec"`
	}
	podSpec struct {
		AutomountServiceAccountToken *bool `yaml:"automountServiceAccountToken"`
		TerminationGracePeriod       *int  `yaml:"terminationGracePeriodSeconds"`
		SecurityContext              struct {
			RunAsNonRoot   *bool `yaml:"runAsNonRoot"`
			RunAsUser      *int  `yaml:"runAsUser"`
			SeccompProfile struct {
				Type string `yaml:"type"`
			} `yaml:"seccompProfile"`
		} `yaml:"securityContext"`
		HostNetwork bool        `yaml:"hostNetwork"`
		HostPID     bool        `yaml:"hostPID"`
		HostIPC     bool        `yaml:"hostIPC"`
		Containers  []container `yaml:"containers"`
		Volumes     []struct {
			Name     string `yaml:"name"`
			HostPath any    `yaml:"hostPath"`
		} `yaml:"volumes"`
	}
	container struct {
		Name  string   `yaml:"name"`
		Image string   `yaml:"image"`
		Args  []string `yaml:"args"`
		Ports []struct {
			Name          string `yaml:"name"`
			ContainerPort int    `yaml:"containerPort"`
		} `yaml:"ports"`
		Env     []envVar `yaml:"env"`
		EnvFrom []struct {
			ConfigMapRef *struct {
				Name string `yaml:"name"`
			} `yaml:"configMapRef"`
			SecretRef *struct {
				Name string `yaml:"name"`
			} `yaml:"secretRef"`
		} `yaml:"envFrom"`
		StartupProbe   *probe `yaml:"startupProbe"`
		ReadinessProbe *probe `yaml:"readinessProbe"`
		LivenessProbe  *probe `yaml:"livenessProbe"`
		Resources      struct {
			Requests map[string]string `yaml:"requests"`
			Limits   map[string]string `yaml:"limits"`
		} `yaml:"resources"`
		SecurityContext struct {
			RunAsNonRoot             *bool `yaml:"runAsNonRoot"`
			Privileged               bool  `yaml:"privileged"`
			AllowPrivilegeEscalation *bool `yaml:"allowPrivilegeEscalation"`
			ReadOnlyRootFilesystem   *bool `yaml:"readOnlyRootFilesystem"`
			Capabilities             struct {
				Drop []string `yaml:"drop"`
				Add  []string `yaml:"add"`
			} `yaml:"capabilities"`
		} `yaml:"securityContext"`
	}
	probe struct {
		HTTPGet *struct {
			Path string `yaml:"path"`
			Port any    `yaml:"port"`
		} `yaml:"httpGet"`
		Exec      any `yaml:"exec"`
		TCPSocket any `yaml:"tcpSocket"`
	}
	service struct {
		Spec struct {
			ClusterIP string            `yaml:"clusterIP"`
			Selector  map[string]string `yaml:"selector"`
			Ports     []struct {
				Port       int `yaml:"port"`
				TargetPort any `yaml:"targetPort"`
			} `yaml:"ports"`
		} `yaml:"spec"`
	}
	hpa struct {
		Spec struct {
			ScaleTargetRef struct {
				Kind, Name string
			} `yaml:"scaleTargetRef"`
			MinReplicas int `yaml:"minReplicas"`
			MaxReplicas int `yaml:"maxReplicas"`
			Metrics     []struct {
				Type     string `yaml:"type"`
				Resource struct {
					Name string `yaml:"name"`
				} `yaml:"resource"`
			} `yaml:"metrics"`
		} `yaml:"spec"`
	}
	kustomization struct {
		Namespace string   `yaml:"namespace"`
		Resources []string `yaml:"resources"`
		Images    []struct {
			Name    string `yaml:"name"`
			NewName string `yaml:"newName"`
			NewTag  string `yaml:"newTag"`
		} `yaml:"images"`
	}
)

// botImage is the name the manifests give the bot's image; the
// kustomization's images entry says which image that is.
const botImage = "coalitionbot"

// shardIndex is where a StatefulSet pod finds its index.
const shardIndex = "metadata.labels['apps.kubernetes.io/pod-index']"

// manifests reads every object of every file kustomization.yaml lists,
// failing on a file that is not listed or a listed one that is missing.
func manifests(t *testing.T) (kustomization, []object) {
	t.Helper()
	var k kustomization
	decodeFile(t, "kustomization.yaml", &k)
	files, err := filepath.Glob("*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	files = slices.DeleteFunc(files, func(f string) bool { return f == "kustomization.yaml" })
	listed := slices.Sorted(slices.Values(k.Resources))
	if !slices.Equal(listed, files) {
		t.Errorf("kustomization.yaml lists %v, want every manifest here: %v", listed, files)
	}
	var objs []object
	for _, f := range k.Resources {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Errorf("kustomization.yaml lists %s: %v", f, err)
			continue
		}
		dec := yaml.NewDecoder(bytes.NewReader(raw))
		for {
			var o object
			if err := dec.Decode(&o.node); errors.Is(err, io.EOF) {
				break
			} else if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			if err := o.node.Decode(&o); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			o.file = f
			if o.APIVersion == "" || o.Kind == "" || o.Metadata.Name == "" {
				t.Errorf("%s: an object without apiVersion, kind or name", f)
			}
			objs = append(objs, o)
		}
	}
	return k, objs
}

func decodeFile(t *testing.T, name string, v any) {
	t.Helper()
	raw, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(raw, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// find returns the object of kind named name, failing the test without it.
func find[T any](t *testing.T, objs []object, kind, name string) T {
	t.Helper()
	var v T
	for _, o := range objs {
		if o.Kind == kind && o.Metadata.Name == name {
			if err := o.node.Decode(&v); err != nil {
				t.Fatalf("%s %s: %v", kind, name, err)
			}
			return v
		}
	}
	t.Fatalf("no %s %s in the manifests", kind, name)
	return v
}

func TestManifests(t *testing.T) {
	k, objs := manifests(t)
	if len(k.Images) != 1 || k.Images[0].Name != botImage || k.Images[0].NewName == "" || k.Images[0].NewTag == "" || k.Images[0].NewTag == "latest" {
		t.Errorf("kustomization images = %+v, want the bot's image (%s) given a name and a tag other than latest", k.Images, botImage)
	}
	ns := find[object](t, objs, "Namespace", k.Namespace)
	if ns.Metadata.Labels["pod-security.kubernetes.io/enforce"] != "restricted" {
		t.Errorf("namespace %s labels = %v, want the restricted pod security standard enforced", k.Namespace, ns.Metadata.Labels)
	}

	for _, o := range objs {
		if o.Kind != "Deployment" && o.Kind != "StatefulSet" {
			continue
		}
		t.Run(o.Kind+"/"+o.Metadata.Name, func(t *testing.T) {
			checkWorkload(t, find[workload](t, objs, o.Kind, o.Metadata.Name))
		})
	}

	t.Run("serve", func(t *testing.T) {
		serve := find[workload](t, objs, "Deployment", "coalitionbot-serve")
		c := botContainer(t, serve, "serve")
		if r := serve.Spec.Replicas; r == nil || *r != 2 {
			t.Errorf("serve replicas = %v, want 2", r)
		}
		svc := find[service](t, objs, "Service", "coalitionbot-serve")
		if !selects(svc.Spec.Selector, serve.Spec.Template.Metadata.Labels) || len(svc.Spec.Ports) == 0 || !portNamed(c, svc.Spec.Ports[0].TargetPort) {
			t.Errorf("serve Service = %+v, want it to select serve's pods and target their http port", svc.Spec)
		}
		h := find[hpa](t, objs, "HorizontalPodAutoscaler", "coalitionbot-serve")
		if h.Spec.ScaleTargetRef.Kind != "Deployment" || h.Spec.ScaleTargetRef.Name != "coalitionbot-serve" ||
			h.Spec.MinReplicas < 2 || h.Spec.MaxReplicas <= h.Spec.MinReplicas ||
			len(h.Spec.Metrics) != 1 || h.Spec.Metrics[0].Type != "Resource" || h.Spec.Metrics[0].Resource.Name != "cpu" {
			t.Errorf("HorizontalPodAutoscaler = %+v, want serve scaled on CPU from at least 2 replicas", h.Spec)
		}
	})

	t.Run("shards", func(t *testing.T) {
		bot := find[workload](t, objs, "StatefulSet", "coalitionbot-bot")
		c := botContainer(t, bot, "bot")
		shardID, shardCount := env(c, "SHARD_ID"), env(c, "SHARD_COUNT")
		if shardID == nil || shardID.ValueFrom == nil || shardID.ValueFrom.FieldRef.FieldPath != shardIndex {
			t.Errorf("SHARD_ID = %+v, want it from the pod's index, %s", shardID, shardIndex)
		}
		if r := bot.Spec.Replicas; shardCount == nil || r == nil || shardCount.Value != strconv.Itoa(*r) {
			t.Errorf("SHARD_COUNT = %+v with %v replicas, want the number of replicas", shardCount, r)
		}
		if c.StartupProbe == nil {
			t.Error("the bot has no startupProbe: /healthz is 503 until the shard connects, and liveness would restart it")
		}
		headless := find[service](t, objs, "Service", bot.Spec.ServiceName)
		if headless.Spec.ClusterIP != "None" || !selects(headless.Spec.Selector, bot.Spec.Template.Metadata.Labels) {
			t.Errorf("the StatefulSet's Service %s = %+v, want a headless Service selecting the shards", bot.Spec.ServiceName, headless.Spec)
		}
	})

	t.Run("config and secret", func(t *testing.T) {
		known := documentedVariables(t)
		cm := find[struct {
			Data map[string]string `yaml:"data"`
		}](t, objs, "ConfigMap", "coalitionbot")
		secret := find[struct {
			Type       string            `yaml:"type"`
			StringData map[string]string `yaml:"stringData"`
			Data       map[string]string `yaml:"data"`
		}](t, objs, "Secret", "coalitionbot")
		for name := range cm.Data {
			if !known[name] {
				t.Errorf("ConfigMap sets %s, which .env.example does not document", name)
			}
		}
		for _, name := range []string{"DISCORD_TOKEN", "DISCORD_PUBLIC_KEY", "LLM_API_KEY"} {
			v, ok := secret.StringData[name]
			if !ok || v != "" {
				t.Errorf("Secret template %s = %q (present %v), want it there and empty: no real secret is committed", name, v, ok)
			}
		}
		for name := range secret.StringData {
			if !known[name] {
				t.Errorf("Secret sets %s, which .env.example does not document", name)
			}
		}
		if len(secret.Data) != 0 {
			t.Errorf("Secret has data %v, want only the stringData template", secret.Data)
		}
		redis := find[service](t, objs, "Service", "redis")
		checkRedisReachedOnlyByTheBot(t, objs)
		if want := "redis://redis:" + strconv.Itoa(redis.Spec.Ports[0].Port) + "/0"; cm.Data["REDIS_URL"] != want {
			t.Errorf("ConfigMap REDIS_URL = %q, want the Redis Service, %s", cm.Data["REDIS_URL"], want)
		}
	})
}

// checkRedisReachedOnlyByTheBot checks the NetworkPolicy that keeps other
// pods of the cluster from Redis, whose cached answers users see: it
// selects Redis's pods, and lets in only pods of the bot, serve's and the
// shards' alike.
func checkRedisReachedOnlyByTheBot(t *testing.T, objs []object) {
	t.Helper()
	np := find[struct {
		Spec struct {
			PodSelector struct {
				MatchLabels map[string]string `yaml:"matchLabels"`
			} `yaml:"podSelector"`
			PolicyTypes []string `yaml:"policyTypes"`
			Ingress     []struct {
				From []struct {
					PodSelector *struct {
						MatchLabels map[string]string `yaml:"matchLabels"`
					} `yaml:"podSelector"`
				} `yaml:"from"`
			} `yaml:"ingress"`
		} `yaml:"spec"`
	}](t, objs, "NetworkPolicy", "redis")
	redis := find[workload](t, objs, "Deployment", "redis")
	if !selects(np.Spec.PodSelector.MatchLabels, redis.Spec.Template.Metadata.Labels) || !slices.Contains(np.Spec.PolicyTypes, "Ingress") {
		t.Errorf("NetworkPolicy redis = %+v, want it to select Redis's pods and restrict their ingress", np.Spec)
	}
	pods := []map[string]string{
		find[workload](t, objs, "Deployment", "coalitionbot-serve").Spec.Template.Metadata.Labels,
		find[workload](t, objs, "StatefulSet", "coalitionbot-bot").Spec.Template.Metadata.Labels,
	}
	for _, rule := range np.Spec.Ingress {
		if len(rule.From) == 0 {
			t.Errorf("NetworkPolicy redis has an ingress rule from anywhere")
		}
		for _, from := range rule.From {
			if from.PodSelector == nil || selects(from.PodSelector.MatchLabels, redis.Spec.Template.Metadata.Labels) || len(from.PodSelector.MatchLabels) == 0 {
				t.Errorf("NetworkPolicy redis lets in %+v, want only the bot's pods", from.PodSelector)
			}
		}
	}
	for _, labels := range pods {
		in := false
		for _, rule := range np.Spec.Ingress {
			for _, from := range rule.From {
				in = in || (from.PodSelector != nil && selects(from.PodSelector.MatchLabels, labels))
			}
		}
		if !in {
			t.Errorf("NetworkPolicy redis keeps out the bot's pods labelled %v", labels)
		}
	}
}

// checkWorkload checks what every pod of the bot's must have: the
// restricted pod security standard, resources, probes and an image.
func checkWorkload(t *testing.T, w workload) {
	t.Helper()
	if !selects(w.Spec.Selector.MatchLabels, w.Spec.Template.Metadata.Labels) || len(w.Spec.Selector.MatchLabels) == 0 {
		t.Errorf("selector %v does not select the template's labels %v", w.Spec.Selector.MatchLabels, w.Spec.Template.Metadata.Labels)
	}
	pod := w.Spec.Template.Spec
	if pod.SecurityContext.RunAsNonRoot == nil || !*pod.SecurityContext.RunAsNonRoot || pod.SecurityContext.RunAsUser == nil || *pod.SecurityContext.RunAsUser == 0 {
		t.Errorf("pod securityContext = %+v, want runAsNonRoot and a non-root runAsUser", pod.SecurityContext)
	}
	if pod.SecurityContext.SeccompProfile.Type != "RuntimeDefault" {
		t.Errorf("pod seccompProfile = %q, want RuntimeDefault", pod.SecurityContext.SeccompProfile.Type)
	}
	if pod.HostNetwork || pod.HostPID || pod.HostIPC {
		t.Error("pod shares the host's network, PIDs or IPC")
	}
	if pod.AutomountServiceAccountToken == nil || *pod.AutomountServiceAccountToken {
		t.Error("automountServiceAccountToken is not false: nothing here talks to the Kubernetes API")
	}
	for _, v := range pod.Volumes {
		if v.HostPath != nil {
			t.Errorf("volume %s is a hostPath", v.Name)
		}
	}
	if len(pod.Containers) == 0 {
		t.Fatal("no containers")
	}
	for _, c := range pod.Containers {
		sc := c.SecurityContext
		if sc.Privileged || sc.AllowPrivilegeEscalation == nil || *sc.AllowPrivilegeEscalation ||
			sc.ReadOnlyRootFilesystem == nil || !*sc.ReadOnlyRootFilesystem ||
			!slices.Equal(sc.Capabilities.Drop, []string{"ALL"}) || len(sc.Capabilities.Add) != 0 ||
			sc.RunAsNonRoot == nil || !*sc.RunAsNonRoot {
			t.Errorf("container %s securityContext = %+v, want non-root, no privilege escalation, a read-only root filesystem and every capability dropped", c.Name, sc)
		}
		for _, r := range []string{"cpu", "memory"} {
			if c.Resources.Requests[r] == "" || c.Resources.Limits[r] == "" {
				t.Errorf("container %s resources = %+v, want a %s request and limit", c.Name, c.Resources, r)
			}
		}
		if c.ReadinessProbe == nil || c.LivenessProbe == nil {
			t.Errorf("container %s has no readiness or liveness probe", c.Name)
		}
		if c.Image != botImage && (!strings.Contains(c.Image, ":") || strings.HasSuffix(c.Image, ":latest")) {
			t.Errorf("container %s image %q, want the bot's (%s) or one pinned to a version", c.Name, c.Image, botImage)
		}
		if c.Image != botImage {
			continue
		}
		// The bot's own containers: probes on /healthz, where HTTP_ADDR
		// listens, and the shared config.
		if addr := env(c, "HTTP_ADDR"); addr == nil || len(c.Ports) != 1 || addr.Value != ":"+strconv.Itoa(c.Ports[0].ContainerPort) {
			t.Errorf("container %s HTTP_ADDR %+v with ports %+v, want it on the one port the probes use", c.Name, addr, c.Ports)
		}
		for name, p := range map[string]*probe{"startup": c.StartupProbe, "readiness": c.ReadinessProbe, "liveness": c.LivenessProbe} {
			if p != nil && (p.HTTPGet == nil || p.HTTPGet.Path != "/healthz" || !portNamed(c, p.HTTPGet.Port)) {
				t.Errorf("container %s %s probe = %+v, want GET /healthz on its port", c.Name, name, p)
			}
		}
		var cms, secrets []string
		for _, ef := range c.EnvFrom {
			if ef.ConfigMapRef != nil {
				cms = append(cms, ef.ConfigMapRef.Name)
			}
			if ef.SecretRef != nil {
				secrets = append(secrets, ef.SecretRef.Name)
			}
		}
		// The Secret comes last: what it sets wins over the ConfigMap.
		if !slices.Equal(cms, []string{"coalitionbot"}) || !slices.Equal(secrets, []string{"coalitionbot"}) || c.EnvFrom[len(c.EnvFrom)-1].SecretRef == nil {
			t.Errorf("container %s envFrom = ConfigMaps %v, Secrets %v, want coalitionbot's, the Secret last", c.Name, cms, secrets)
		}
		if g := pod.TerminationGracePeriod; g != nil && *g < 10 {
			t.Errorf("terminationGracePeriodSeconds = %d, want at least the 10 s the bot takes to stop", *g)
		}
	}
}

// botContainer returns w's one container, checking that it runs the
// bot's image in mode.
func botContainer(t *testing.T, w workload, mode string) container {
	t.Helper()
	cs := w.Spec.Template.Spec.Containers
	if len(cs) != 1 || cs[0].Image != botImage || !slices.Equal(cs[0].Args, []string{mode}) {
		t.Fatalf("containers = %+v, want one running %s %s", cs, botImage, mode)
	}
	return cs[0]
}

// envVar is one of a container's env entries.
type envVar struct {
	Name      string `yaml:"name"`
	Value     string `yaml:"value"`
	ValueFrom *struct {
		FieldRef struct {
			FieldPath string `yaml:"fieldPath"`
		} `yaml:"fieldRef"`
	} `yaml:"valueFrom"`
}

// env returns c's variable name, nil without it.
func env(c container, name string) *envVar {
	for i := range c.Env {
		if c.Env[i].Name == name {
			return &c.Env[i]
		}
	}
	return nil
}

// portNamed reports whether port (a name or a number) is one of c's.
func portNamed(c container, port any) bool {
	for _, p := range c.Ports {
		if port == p.Name || port == p.ContainerPort {
			return true
		}
	}
	return false
}

// selects reports whether selector matches labels.
func selects(selector, labels map[string]string) bool {
	for k, v := range selector {
		if labels[k] != v {
			return false
		}
	}
	return len(selector) > 0
}

// documentedVariables are the variables .env.example documents: every
// one the bot reads.
func documentedVariables(t *testing.T) map[string]bool {
	t.Helper()
	f, err := os.Open("../../.env.example")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	known := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if name, _, ok := strings.Cut(sc.Text(), "="); ok && !strings.HasPrefix(name, "#") {
			known[name] = true
		}
	}
	return known
}
