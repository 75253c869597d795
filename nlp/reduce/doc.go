// Package reduce projects vectors to a few dimensions for plotting: PCA,
// t-SNE, and EmbeddingMap, word vectors projected to 2-D and drawn as a
// labelled plots.Scatter (package plots only draws).
//
// # The math
//
// PCA centres the vectors and projects them on the top right singular
// vectors of the centred matrix (the directions of largest variance).
// t-SNE matches neighbour probabilities: Gaussian p(j|i) with a per-point
// width set by a perplexity, symmetrised to pᵢⱼ, against Student-t
// qᵢⱼ ∝ (1+‖yᵢ−yⱼ‖²)⁻¹ in the map, minimising KL(P‖Q) by gradient descent
// with momentum, adaptive gains and early exaggeration. References: I. T.
// Jolliffe, Principal Component Analysis (2002); L. van der Maaten and G.
// Hinton, "Visualizing Data using t-SNE", JMLR 9 (2008).
//
// # Usage
//
//	y, ratio, err := reduce.PCA(vectors, 2)
//	m := reduce.NewEmbeddingMap("word vectors", words, vectors) // PCA
//	m.Method = reduce.ByTSNE
//	plots.Display(m)
package reduce
