package parallel

import (
	"fmt"
	"strings"

	"github.com/lingo-nlp/lingo/plots"
)

// A Layout is 3-D parallelism on a cluster of GPUs: Data model replicas,
// each cut into Pipeline stages, each stage's matrices split over Tensor
// workers — Data·Pipeline·Tensor GPUs in all. Ranks are placed as
// Megatron-LM places them by default, tensor workers fastest, then data
// replicas, then stages,
//
//	rank = t + Tensor·(d + Data·p),
//
// so a tensor-parallel group (which all-reduces inside every layer) sits
// on consecutive GPUs of one node, on its fast links, and the less
// talkative pipeline and data dimensions span nodes.
type Layout struct {
	Data, Tensor, Pipeline int
	GPUsPerNode            int // 0 means 8
}

// BLOOMLayout is the layout BLOOM-176B was trained with on the Jean Zay
// supercomputer: 48 nodes of 8 A100 80 GB GPUs, tensor parallelism 4,
// pipeline parallelism 12, hence data parallelism 384/48 = 8 (BigScience's
// launch script train/tr11-176B-ml/tr11-176B-ml.slurm sets TP_SIZE=4,
// PP_SIZE=12 on 48 nodes, with bf16 and DeepSpeed's optimizer that shards
// its states across the data replicas like ZeRO stage 1; BigScience
// Workshop, arXiv:2211.05100).
var BLOOMLayout = Layout{Data: 8, Tensor: 4, Pipeline: 12, GPUsPerNode: 8}

func (l Layout) perNode() int {
	if l.GPUsPerNode == 0 {
		return 8
	}
	return l.GPUsPerNode
}

// GPUs is Data·Tensor·Pipeline.
func (l Layout) GPUs() int { return l.Data * l.Tensor * l.Pipeline }

// Check returns an error unless every dimension is ≥ 1 and a tensor group
// fits in a node.
func (l Layout) Check() error {
	if l.Data < 1 || l.Tensor < 1 || l.Pipeline < 1 || l.perNode() < 1 {
		return fmt.Errorf("parallel: layout dimensions must be ≥ 1, got %+v", l)
	}
	if l.perNode()%l.Tensor != 0 {
		return fmt.Errorf("parallel: a tensor group of %d GPUs does not fit evenly in a node of %d", l.Tensor, l.perNode())
	}
	return nil
}

// Rank is the global rank of tensor worker t of stage p of replica d.
func (l Layout) Rank(d, p, t int) int { return t + l.Tensor*(d+l.Data*p) }

// Coords is Rank's inverse: the replica, stage and tensor worker of rank.
func (l Layout) Coords(rank int) (d, p, t int) {
	t = rank % l.Tensor
	rank /= l.Tensor
	return rank % l.Data, rank / l.Data, t
}

// ModelStateBytes estimates the memory one GPU needs for the model states
// of a model of params parameters trained with mixed-precision Adam: per
// parameter 2 bytes of 16-bit weights, 2 of 16-bit gradients and 12 of
// 32-bit master weights, momentum and variance (Rajbhandari et al., ZeRO,
// 2020, §3.1), divided over the Tensor·Pipeline GPUs that hold one copy of
// the model. With zero1 (ZeRO stage 1) the 12 optimizer bytes are divided
// again over the Data replicas. Activations and buffers come on top.
func (l Layout) ModelStateBytes(params float64, zero1 bool) float64 {
	opt := 12.0
	if zero1 {
		opt /= float64(l.Data)
	}
	return (2 + 2 + opt) * params / float64(l.Tensor*l.Pipeline)
}

// Table lists the first nodes with the stage and replicas each holds and
// its tensor groups (maxNodes ≤ 0: all).
func (l Layout) Table(maxNodes int) *plots.Table {
	t := plots.NewTable("node", "GPUs (ranks)", "pipeline stage", "data replicas", "tensor groups")
	per := l.perNode()
	nodes := (l.GPUs() + per - 1) / per
	if maxNodes <= 0 || maxNodes > nodes {
		maxNodes = nodes
	}
	for n := range maxNodes {
		lo, hi := n*per, min((n+1)*per, l.GPUs())
		stages, replicas := map[int]bool{}, []string{}
		var groups []string
		for r := lo; r < hi; r += l.Tensor {
			d, p, _ := l.Coords(r)
			stages[p] = true
			replicas = append(replicas, fmt.Sprint(d))
			groups = append(groups, fmt.Sprintf("{%d–%d}", r, r+l.Tensor-1))
		}
		var st []string
		for p := range l.Pipeline {
			if stages[p] {
				st = append(st, fmt.Sprint(p))
			}
		}
		t.Row(n, fmt.Sprintf("%d–%d", lo, hi-1), strings.Join(st, ", "), strings.Join(replicas, ", "), strings.Join(groups, " "))
	}
	t.Caption = fmt.Sprintf("%d GPUs = %d data × %d pipeline × %d tensor, %d per node (first %d of %d nodes)",
		l.GPUs(), l.Data, l.Pipeline, l.Tensor, per, maxNodes, nodes)
	t.MaxRows = -1
	return t
}
