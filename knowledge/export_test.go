package knowledge

// Closest exposes the fuzzy dictionary look-up to the external benchmarks,
// which build indexes over internal/synthetic (importing it from package
// knowledge itself would be an import cycle).
func (ix *Index) Closest(w string) (string, bool) { return ix.words.closest(w) }
