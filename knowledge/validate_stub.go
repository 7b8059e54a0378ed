package knowledge

func (b *Base) validate() error { return nil }
