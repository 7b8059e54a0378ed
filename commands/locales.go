package commands

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"regexp"
	"slices"
	"unicode/utf8"
)

// Localization is a command's or an option's name and description in one
// language, as Discord shows them to users whose client is set to it.
type Localization struct {
	Name        string `json:"name"`
	Description string `json:"description"`
}

// localeFiles hold the commands' names and descriptions in each language
// the bot answers in: locales/<language>.json.
//
//go:embed locales/*.json
var localeFiles embed.FS

type localeFile struct {
	Language string `json:"language"`
	// Locales are Discord's codes for the language ("es-ES" and "es-419").
	Locales  []string                    `json:"discord_locales"`
	Commands map[string]localizedCommand `json:"commands"`
}

type localizedCommand struct {
	Localization
	Options map[string]Localization `json:"options"`
}

// discordName is what Discord accepts as a slash command's or an option's
// name: lower case letters, digits, "-" and "_", at most 32.
var discordName = regexp.MustCompile(`^[-_\p{Ll}\p{Lo}\p{N}]{1,32}$`)

// menuName is what Discord accepts as a message menu command's name: at
// most 32 characters, capitals and spaces allowed; no control characters,
// nor space at either end.
var menuName = regexp.MustCompile(`^\S(?:\P{C}{0,30}\S)?$`)

// maxDescription is Discord's limit on a description, in characters.
const maxDescription = 100

// Localize returns t with the name and description of each command and
// option in every language of locales/: Discord shows users the ones of
// their client's language. Every file must give every command and option,
// valid for Discord; an error names the file and what is wrong.
func Localize(t Table) (Table, error) {
	return localize(t, localeFiles, "locales")
}

func localize(t Table, fsys fs.FS, dir string) (Table, error) {
	files, err := fs.Glob(fsys, dir+"/*.json")
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", dir, err)
	}
	out := slices.Clone(t)
	for i := range out {
		out[i].Localized = map[string]Localization{}
		out[i].Options = slices.Clone(out[i].Options)
		for j := range out[i].Options {
			out[i].Options[j].Localized = map[string]Localization{}
		}
	}
	var errs []error
	for _, file := range files {
		lf, err := readLocale(fsys, file)
		if err != nil {
			return nil, err
		}
		for _, e := range lf.apply(out) {
			errs = append(errs, fmt.Errorf("%s: %w", file, e))
		}
	}
	return out, errors.Join(errs...)
}

func readLocale(fsys fs.FS, file string) (localeFile, error) {
	var lf localeFile
	data, err := fs.ReadFile(fsys, file)
	if err != nil {
		return lf, fmt.Errorf("read %s: %w", file, err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&lf); err != nil {
		return lf, fmt.Errorf("decode %s: %w", file, err)
	}
	return lf, nil
}

// apply adds the file's names to the table and returns what is wrong.
func (lf localeFile) apply(t Table) []error {
	var errs []error
	if len(lf.Locales) == 0 {
		errs = append(errs, errors.New("discord_locales is empty"))
	}
	// Discord keeps names unique among the commands of one kind.
	type name struct {
		kind Kind
		name string
	}
	names := map[name]bool{}
	for i := range t {
		c := &t[i]
		lc, ok := lf.Commands[c.Name]
		if !ok {
			errs = append(errs, fmt.Errorf("command %s is missing", c.Name))
			continue
		}
		errs = append(errs, check("command "+c.Name, c.Kind, lc.Localization)...)
		if names[name{c.Kind, lc.Name}] {
			errs = append(errs, fmt.Errorf("command %s: name %q is another command's", c.Name, lc.Name))
		}
		names[name{c.Kind, lc.Name}] = true
		optNames := map[string]bool{}
		for j := range c.Options {
			o := &c.Options[j]
			lo, ok := lc.Options[o.Name]
			if !ok {
				errs = append(errs, fmt.Errorf("command %s: option %s is missing", c.Name, o.Name))
				continue
			}
			errs = append(errs, check("command "+c.Name+" option "+o.Name, Slash, lo)...)
			if optNames[lo.Name] {
				errs = append(errs, fmt.Errorf("command %s: option name %q is another option's", c.Name, lo.Name))
			}
			optNames[lo.Name] = true
			for _, loc := range lf.Locales {
				o.Localized[loc] = lo
			}
		}
		for _, name := range slices.Sorted(maps.Keys(lc.Options)) {
			if !slices.ContainsFunc(c.Options, func(o Option) bool { return o.Name == name }) {
				errs = append(errs, fmt.Errorf("command %s: option %s is not the command's", c.Name, name))
			}
		}
		for _, loc := range lf.Locales {
			c.Localized[loc] = lc.Localization
		}
	}
	for _, name := range slices.Sorted(maps.Keys(lf.Commands)) {
		if _, ok := t.Lookup(name); !ok {
			errs = append(errs, fmt.Errorf("command %s is not the bot's", name))
		}
	}
	return errs
}

// check applies Discord's rules for names of kind, and requires a
// description /help can show (Discord takes none for a message menu
// command).
func check(what string, kind Kind, l Localization) []error {
	var errs []error
	switch {
	case kind == MessageMenu && !menuName.MatchString(l.Name):
		errs = append(errs, fmt.Errorf("%s: name %q is not a Discord name for a message menu command (1 to 32 characters, no space at either end)", what, l.Name))
	case kind == Slash && !discordName.MatchString(l.Name):
		errs = append(errs, fmt.Errorf("%s: name %q is not a Discord name (lower case, digits, - and _, at most 32)", what, l.Name))
	}
	if n := utf8.RuneCountInString(l.Description); n == 0 || n > maxDescription {
		errs = append(errs, fmt.Errorf("%s: description is %d characters, want 1 to %d", what, n, maxDescription))
	}
	return errs
}
