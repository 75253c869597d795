package parallel

import (
	"math"
	"testing"
)

func TestAllReduce(t *testing.T) {
	for _, P := range []int{1, 2, 3, 4, 7} {
		for _, n := range []int{1, 5, 64, 1000} {
			bufs := make([][]float64, P)
			want := make([]float64, n)
			for i := range bufs {
				bufs[i] = RandomMatrix(1, n, 1, uint64(10*P+i)).Data
				for k, v := range bufs[i] {
					want[k] += v
				}
			}
			comm, err := AllReduce(bufs)
			if err != nil {
				t.Fatal(err)
			}
			for i, b := range bufs {
				for k := range b {
					// The ring adds in another order than the loop above: equal to rounding.
					if math.Abs(b[k]-want[k]) > 1e-12 {
						t.Fatalf("P=%d n=%d: worker %d element %d = %v, want %v", P, n, i, k, b[k], want[k])
					}
					if math.Float64bits(b[k]) != math.Float64bits(bufs[0][k]) {
						t.Fatalf("P=%d n=%d: worker %d differs from worker 0 at %d", P, n, i, k)
					}
				}
			}
			// Each worker sends P−1 chunks twice: 2(P−1)/P of the buffer when P divides n.
			if P > 1 && n%P == 0 && comm.Floats != 2*(P-1)*n/P {
				t.Errorf("P=%d n=%d: %d floats sent per worker, want 2(P−1)n/P = %d", P, n, comm.Floats, 2*(P-1)*n/P)
			}
			if P > 1 && comm.Messages != 2*P*(P-1) {
				t.Errorf("P=%d: %d messages, want 2P(P−1) = %d", P, comm.Messages, 2*P*(P-1))
			}
		}
	}
}

func TestAllReduceErrors(t *testing.T) {
	if _, err := AllReduce(nil); err == nil {
		t.Error("no buffers: no error")
	}
	if _, err := AllReduce([][]float64{{1, 2}, {1}}); err == nil {
		t.Error("ragged buffers: no error")
	}
}
