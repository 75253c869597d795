//go:build race

package word2vec

// raceEnabled skips multi-worker training under the race detector: Hogwild
// updates shared weights without locks on purpose.
const raceEnabled = true
