package prompts

import (
	"regexp"
	"strings"
	"text/template"
)

// funcs are the template functions for untrusted text: passages (which an
// operator's extra documents may fill), questions and earlier answers.
var funcs = template.FuncMap{
	"inert":   inert,
	"uncited": uncited,
}

// delimiter matches the tags the user message uses to label data, in any
// case and spacing, opening or closing.
var delimiter = regexp.MustCompile(`(?i)<(\s*/?\s*(?:passages|history|question)\b[^>]*)>`)

// inert neutralises delimiter tags in s, so text that contains
// "</question>" cannot end the data block and pass itself off as
// instructions. The tag stays readable, in other brackets.
func inert(s string) string {
	if !strings.Contains(s, "<") { // the usual case, without a regexp
		return s
	}
	return delimiter.ReplaceAllString(s, "‹$1›")
}

var citation = regexp.MustCompile(`\s*\[\d+\]`)

// uncited drops [n] citation markers, which only mean something next to
// the passages they were numbered for.
func uncited(s string) string {
	return citation.ReplaceAllString(s, "")
}
