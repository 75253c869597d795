package wordnet

// SynsetList is a list of synsets, as returned by Synsets; in a notebook
// it renders as a table of part of speech, lemmas and definition.
type SynsetList []*Synset
