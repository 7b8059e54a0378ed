package knowledge

// LoadDir reads the extra Markdown documents of dir as passages.
func LoadDir(dir string) ([]Passage, error) { return nil, nil }
