package bot

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/coalitionbot/coalitionbot/commands"
	"github.com/coalitionbot/coalitionbot/internal/fakediscord"
)

func TestRegistersCommandsOnReady(t *testing.T) {
	tests := []struct {
		name, guild string
	}{
		{"in the development guild", testGuild},
		{"globally", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fake := fakediscord.New(t, fakediscord.Options{})
			launch(t, fake, realTable(t), func(o *Options) { o.GuildID = tt.guild })
			got := map[string]string{}
			for _, c := range fake.WaitCommands(tt.guild) {
				if c.Name == "ask" {
					// Users see the commands in their client's language.
					if c.NameLocalizations == nil || (*c.NameLocalizations)[discordgo.French] != "question" || (*c.NameLocalizations)[discordgo.Ukrainian] != "запитати" ||
						!strings.Contains((*c.DescriptionLocalizations)[discordgo.German], "Koalition") || len(c.Options) == 0 || c.Options[0].NameLocalizations[discordgo.PortugueseBR] != "pergunta" {
						t.Errorf("/ask localizations = %v, %v, options %+v; want the French, Ukrainian, German and Portuguese ones", c.NameLocalizations, c.DescriptionLocalizations, c.Options)
					}
				}
				var opts []string
				for _, o := range c.Options {
					opts = append(opts, optionString(o))
				}
				got[c.Name] = strings.Join(opts, " ")
			}
			want := map[string]string{
				"members": "filter:string,autocomplete,max=100",
				"quote":   "speaker:string,autocomplete,max=100",
				"ask":     "question:string,required,max=2000 private:boolean",
				"about":   "",
				"help":    "",
				// A message command, from a message's menu: no options.
				commands.AskMessage: "",
			}
			if len(got) != len(want) {
				t.Errorf("registered commands = %v, want %v", got, want)
			}
			for name, opts := range want {
				if got[name] != opts {
					t.Errorf("/%s options = %q, want %q", name, got[name], opts)
				}
			}
			ids := fake.Identifies()
			if len(ids) != 1 || ids[0].Intents != discordgo.IntentsGuildMessages|discordgo.IntentsDirectMessages {
				t.Errorf("IDENTIFY intents = %+v, want one IDENTIFY with GuildMessages|DirectMessages only", ids)
			}
		})
	}
}

// optionString summarises an option as "name:type,flags".
func optionString(o *discordgo.ApplicationCommandOption) string {
	s := o.Name + ":" + strings.ToLower(strings.TrimPrefix(o.Type.String(), "ApplicationCommandOption"))
	if o.Required {
		s += ",required"
	}
	if o.Autocomplete {
		s += ",autocomplete"
	}
	if o.MaxLength > 0 {
		s += ",max=" + itoa(o.MaxLength)
	}
	return s
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func TestSlashCommands(t *testing.T) {
	h := startBot(t, realTable(t))
	tests := []struct {
		name      string
		payload   []byte
		ephemeral bool     // only the asker sees it
		want      []string // in what the user reads
		wantNot   []string
		fields    []string // embed field names, in order, when set
	}{
		{name: "members", payload: slash(t, "members"),
			want: []string{"🇫🇷 France", "Emmanuel Macron", "🇮🇹 Italy", "Giorgia Meloni", "NATO"}, fields: []string{"Countries", "Institutions"}},
		{name: "members filtered", payload: slash(t, "members", "filter", "Italy"),
			want: []string{"Giorgia Meloni", "Prime Minister of Italy"}, wantNot: []string{"Macron"}},
		{name: "members matching nobody", payload: slash(t, "members", "filter", "Atlantis"), ephemeral: true,
			want: []string{"No member matches"}},
		{name: "quote by speaker", payload: slash(t, "quote", "speaker", "Zelensky"),
			want: []string{"Volodymyr Zelensky", "President of Ukraine", "> “", "Source:"}},
		{name: "random quote", payload: slash(t, "quote"),
			want: []string{"> “", "Source:"}},
		{name: "ask curated", payload: slash(t, "ask", "question", "Who represents Italy?"),
			want: []string{"Giorgia Meloni", "Sources"}},
		{name: "ask privately", payload: slash(t, "ask", "question", "Who leads the coalition?", "private", true), ephemeral: true,
			want: []string{"Starmer", "Macron"}},
		{name: "ask off-topic", payload: slash(t, "ask", "question", "What's the best pizza topping?"),
			want: []string{"isn't covered by the article"}},
		{name: "about", payload: slash(t, "about"),
			want: []string{"About coalition bot", "/members"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id := h.fake.Interact(tt.payload)
			answer := h.fake.WaitReply(id, fakediscord.Callback)
			if want := discordgo.InteractionResponseChannelMessageWithSource; answer.Type != want {
				t.Errorf("first response type = %d, want %d: answers without an LLM are not deferred", answer.Type, want)
			}
			if got := answer.Flags&discordgo.MessageFlagsEphemeral != 0; got != tt.ephemeral {
				t.Errorf("ephemeral = %v, want %v", got, tt.ephemeral)
			}
			text := answer.Text()
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("answer = %q, want it to contain %q", text, w)
				}
			}
			for _, w := range tt.wantNot {
				if strings.Contains(text, w) {
					t.Errorf("answer = %q, want it without %q", text, w)
				}
			}
			if tt.fields != nil {
				var names []string // continuation fields folded into the first
				for _, f := range answer.Embeds[0].Fields {
					if !strings.HasSuffix(f.Name, " (cont.)") {
						names = append(names, f.Name)
					}
				}
				if strings.Join(names, ",") != strings.Join(tt.fields, ",") {
					t.Errorf("embed fields = %q, want %q", names, tt.fields)
				}
			}
			if n := countKind(h.fake.Replies(id), fakediscord.Callback); n != 1 {
				t.Errorf("%d first responses, want 1", n)
			}
		})
	}
}

func countKind(sent []fakediscord.Sent, kind fakediscord.Kind) int {
	n := 0
	for _, s := range sent {
		if s.Kind == kind {
			n++
		}
	}
	return n
}

func TestAutocomplete(t *testing.T) {
	h := startBot(t, realTable(t))
	tests := []struct {
		name, command, option, typed string
		wantFirst                    string // value of the first choice
		wantAny                      string // value among the choices, when set
	}{
		{"speaker prefix", "quote", "speaker", "mac", "Emmanuel Macron", ""},
		{"speaker typo", "quote", "speaker", "Macrom", "Emmanuel Macron", ""},
		{"speaker empty lists quoted people first", "quote", "speaker", "", "", "Volodymyr Zelensky"},
		{"filter country", "members", "filter", "ital", "Italy", ""},
		{"filter institution", "members", "filter", "nat", "NATO", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id := h.fake.Interact(autocomplete(t, tt.command, tt.option, tt.typed))
			got := h.fake.WaitReply(id, fakediscord.Callback)
			if got.Type != discordgo.InteractionApplicationCommandAutocompleteResult {
				t.Fatalf("response type = %d, want %d", got.Type, discordgo.InteractionApplicationCommandAutocompleteResult)
			}
			var values []string
			for _, c := range got.Choices {
				values = append(values, c.Value.(string))
			}
			if len(values) == 0 || len(values) > 25 {
				t.Fatalf("choices = %q, want 1 to 25", values)
			}
			if tt.wantFirst != "" && values[0] != tt.wantFirst {
				t.Errorf("first choice = %q, want %q (choices %q)", values[0], tt.wantFirst, values)
			}
			if tt.wantAny != "" && !strings.Contains(strings.Join(values, "|"), tt.wantAny) {
				t.Errorf("choices = %q, want %q among them", values, tt.wantAny)
			}
		})
	}
}

func TestShardIdentifiesAndLeavesRegistrationToShardZero(t *testing.T) {
	fake := fakediscord.New(t, fakediscord.Options{})
	h := launch(t, fake, realTable(t), func(o *Options) { o.ShardID, o.ShardCount = 1, 2 })
	fake.WaitReady(1)
	h.logs.wait(t, "connected to Discord", map[string]string{"shard": "1"})
	if err := h.stop(t); err != nil {
		t.Fatalf("Run() = %v, want nil", err)
	}
	if ids := fake.Identifies(); len(ids) != 1 || ids[0].Shard == nil || *ids[0].Shard != [2]int{1, 2} {
		t.Errorf("IDENTIFY = %+v, want shard [1 2]", ids)
	}
	if cmds := fake.Commands(testGuild); cmds != nil {
		t.Errorf("shard 1 registered %d commands, want none: shard 0 does", len(cmds))
	}
}
