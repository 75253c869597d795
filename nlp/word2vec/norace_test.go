//go:build !race

package word2vec

const raceEnabled = false
