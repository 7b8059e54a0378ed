package knowledge

// Document is one source the passages come from: the embedded article, or
// a document of KNOWLEDGE_DIR.
type Document struct {
	// Name is "article" for the article, otherwise the file's name
	// without ".md".
	Name  string
	Title string
	// Date is the document's date as YYYY-MM-DD; "" when it gives none.
	Date string
	URL  string
	// Passages counts the document's passages.
	Passages int
}

// Documents lists the documents the passages come from, in the order of
// their first passage (the article first), so users and operators can see
// what the bot knows.
func (b *Base) Documents() []Document {
	var docs []Document
	at := map[string]int{}
	for _, p := range b.Passages {
		name := p.Doc
		if name == "" {
			name = articleDoc
		}
		i, ok := at[name]
		if !ok {
			i = len(docs)
			at[name] = i
			docs = append(docs, Document{Name: name, Title: p.Title, Date: p.Date, URL: p.URL})
		}
		docs[i].Passages++
	}
	return docs
}
