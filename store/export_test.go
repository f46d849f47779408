package store

// TruncateSpilled cuts the file of spec's rows to half, as a disk that
// lost them would; the batch must have spilled.
func TruncateSpilled(b *Batch, spec RelSpec) error {
	s := b.rels[spec]
	if err := s.w.Flush(); err != nil {
		return err
	}
	s.size /= 2
	return s.file.Truncate(s.size)
}
