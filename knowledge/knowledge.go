// Package knowledge holds the bot's curated knowledge of the coalition: the
// article as passages, its members, their quotes and curated facts, the
// intents the curated stage answers and how questions are read (the
// language file), loaded from human-editable data files embedded in the
// binary, plus the retrieval index built over the passages. Analyze reads a
// question once into a Query; MatchIntents matches it to the intents.
//
// A Base is immutable after Load, so readers need no locks.
package knowledge

// Passage is one paragraph-sized piece of a source document. The article's
// passages have IDs like "p07"; extra documents get IDs derived from their
// file names.
type Passage struct {
	ID      string `json:"id"`
	Section string `json:"section"`
	Text    string `json:"text"`
	// Doc names the document the passage comes from ("article" for the
	// embedded source article).
	Doc string `json:"doc,omitempty"`
	// Title, Date and URL describe the document (from an extra document's
	// front matter, or the article's own metadata).
	Title string `json:"title,omitempty"`
	Date  string `json:"date,omitempty"`
	URL   string `json:"url,omitempty"`
}

// Member is one person the article lists as part of the coalition.
type Member struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Aliases are other spellings users or the article use: the article's
	// typos, names without diacritics, common transliterations, surnames.
	Aliases []string `json:"aliases"`
	// Title is the correct title, e.g. "President of Lithuania".
	Title string `json:"title"`
	// Role is a normalised office used for grouping: "prime minister",
	// "president", "chancellor", "vice president", "secretary general".
	Role string `json:"role"`
	// Country is the country code (a key of Base.Countries) for national
	// leaders; empty for institutions.
	Country string `json:"country,omitempty"`
	// Institution names the body an institutional member leads, e.g.
	// "European Commission"; empty for national leaders.
	Institution string `json:"institution,omitempty"`
	// Leader is true for those the article names as leading the coalition.
	Leader bool `json:"leader,omitempty"`
	// ArticleTitle is how the article itself styles the member, typos
	// included, so answers can note a correction.
	ArticleTitle string `json:"article_title,omitempty"`
	// Passage is the ID of the passage that lists the member.
	Passage string `json:"passage"`
}

// Country is a country a user may ask about, listed in the article or not.
type Country struct {
	Code    string   `json:"code"`
	Name    string   `json:"name"`
	Aliases []string `json:"aliases,omitempty"`
	// Demonyms are adjective forms such as "Italian" used in questions.
	Demonyms []string `json:"demonyms,omitempty"`
	Flag     string   `json:"flag,omitempty"`
	// Regions groups countries for questions like "which Nordic leaders".
	Regions []string `json:"regions,omitempty"`
	// Note is said when a user asks about a country the article does not
	// list, e.g. that the group needs US support.
	Note        string `json:"note,omitempty"`
	NotePassage string `json:"note_passage,omitempty"`
}

// Institution is an international body whose leader is a member.
type Institution struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Aliases []string `json:"aliases,omitempty"`
	Flag    string   `json:"flag,omitempty"`
	// Bloc is the region (of countries.json) whose own body this is: the
	// European Commission and Council are the EU's, so "Is the EU in the
	// coalition?" is answered with them.
	Bloc string `json:"bloc,omitempty"`
}

// Person is someone well known whom users ask about but the article does
// not list as a member (Trump, Putin, Erdoğan): the bot says so, and who
// represents their country when someone does.
type Person struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Aliases []string `json:"aliases,omitempty"`
	// Title is the person's office at the time of the article.
	Title   string `json:"title"`
	Country string `json:"country"`
}

// Quote is something a member said, verbatim from the article.
type Quote struct {
	ID      string `json:"id"`
	Speaker string `json:"speaker"` // a Member ID
	// With lists other members (IDs) the article gives the words to as
	// well: Starmer and Rutte "agreed Europe must do everything possible".
	With []string `json:"with,omitempty"`
	Text string   `json:"text"`
	// Where says how it was said, e.g. "on X" or "ahead of the summit".
	Where   string `json:"where"`
	Passage string `json:"passage"`
}

// Fact is a curated statement about the coalition with the passage that
// supports it.
type Fact struct {
	ID     string `json:"id"`
	Answer string `json:"answer"`
	// Questions are example phrasings, with slot placeholders where any
	// entity of the kind fits ("Is {country} sending troops?"): the fact is
	// an intent, matched like those of intents.json.
	Questions []string `json:"questions"`
	Passages  []string `json:"passages"`
	// Context marks widely known context added by the curators that the
	// article itself does not state.
	Context bool `json:"context,omitempty"`
}
