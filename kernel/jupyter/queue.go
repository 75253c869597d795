package jupyter

import "sync"

// queue is an unbounded FIFO of messages between one producer goroutine
// and one consumer. The client's iopub reader uses it so that it never
// stops reading: a kernel drops iopub messages for a subscriber that falls
// behind, and lingo run must see every output.
type queue struct {
	mu     sync.Mutex
	items  []*Message
	head   int
	closed bool
	ready  chan struct{} // has a value after a push or close
}

func (q *queue) init() { q.ready = make(chan struct{}, 1) }

func (q *queue) signal() {
	select {
	case q.ready <- struct{}{}:
	default:
	}
}

func (q *queue) push(m *Message) {
	q.mu.Lock()
	q.items = append(q.items, m)
	q.mu.Unlock()
	q.signal()
}

// close says that nothing more will be pushed.
func (q *queue) close() {
	q.mu.Lock()
	q.closed = true
	q.mu.Unlock()
	q.signal()
}

// pop returns the oldest message (ok); when there is none, closed says
// whether more may come. After !ok && !closed, wait on ready.
func (q *queue) pop() (m *Message, ok, closed bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.head == len(q.items) {
		return nil, false, q.closed
	}
	m = q.items[q.head]
	q.items[q.head] = nil
	q.head++
	if q.head == len(q.items) {
		q.items, q.head = q.items[:0], 0
	} else if q.head >= 1024 && 2*q.head >= len(q.items) {
		n := copy(q.items, q.items[q.head:])
		clear(q.items[n:])
		q.items, q.head = q.items[:n], 0
	}
	return m, true, false
}
