package zmtp

import (
	"bytes"
	"context"
	"errors"
)

// deliver hands a received message to Recv according to the socket type;
// it blocks while Recv's queue is full and reports false when the peer or
// the socket closed meanwhile.
func (s *Socket) deliver(p *peer, frames [][]byte) bool {
	switch s.typ {
	case Router:
		frames = append([][]byte{p.id}, frames...)
	case Pub:
		// ZMTP 3.0 subscriptions: one frame, 1 (subscribe) or 0 (cancel)
		// and the prefix. Anything else sent to a PUB is ignored.
		if len(frames) == 1 && len(frames[0]) > 0 && frames[0][0] <= 1 {
			p.subscribe(frames[0][1:], frames[0][0] == 1)
		}
		return true
	case Req:
		if len(frames[0]) != 0 {
			return true // a reply without its empty delimiter: dropped
		}
		frames = frames[1:]
	case Sub:
		if !s.matches(frames[0]) {
			return true
		}
	}
	select {
	case s.in <- incoming{p: p, frames: frames}:
		return true
	case <-p.done:
		return false
	case <-s.closed:
		return false
	}
}

// matches reports whether a SUB socket subscribes to topic.
func (s *Socket) matches(topic []byte) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, sub := range s.subs {
		if bytes.HasPrefix(topic, sub) {
			return true
		}
	}
	return false
}

// Recv returns the next message. On a ROUTER socket its first frame is the
// routing id of the peer it came from; on a REP socket the envelope is
// removed and kept for the reply. PUB sockets do not receive.
func (s *Socket) Recv() ([][]byte, error) { return s.RecvContext(context.Background()) }

// RecvContext is Recv that gives up when ctx is done.
func (s *Socket) RecvContext(ctx context.Context) ([][]byte, error) {
	if s.typ == Pub {
		return nil, ErrNoRecv
	}
	for {
		var m incoming
		select {
		case m = <-s.in:
		case <-s.closed:
			return nil, ErrClosed
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if s.typ != Rep {
			return m.frames, nil
		}
		i := 0
		for i < len(m.frames) && len(m.frames[i]) > 0 {
			i++
		}
		if i == len(m.frames) {
			continue // no envelope delimiter: not a request, dropped
		}
		s.mu.Lock()
		s.pending = &incoming{p: m.p, frames: m.frames[:i+1]}
		s.mu.Unlock()
		return m.frames[i+1:], nil
	}
}

// Send sends a message. On a ROUTER socket the first frame names the
// peer; a message to an unknown peer is dropped, as libzmq does. A PUB
// socket sends to every peer subscribed to the first frame. ROUTER, PUB
// and REP never block: a message for a peer whose queue holds SendHWM
// messages is dropped and counted in Dropped. DEALER and REQ wait for
// room. The frames must not be modified after Send.
func (s *Socket) Send(frames [][]byte) error {
	select {
	case <-s.closed:
		return ErrClosed
	default:
	}
	if len(frames) == 0 {
		return errors.New("zmtp: a message needs at least one frame")
	}
	switch s.typ {
	case Router:
		if len(frames) < 2 {
			return ErrNoRoute
		}
		s.mu.Lock()
		p := s.byID[string(frames[0])]
		s.mu.Unlock()
		if p != nil {
			s.queue(p, frames[1:])
		}
	case Pub:
		for _, p := range s.snapshot() {
			if p.subscribed(frames[0]) {
				s.queue(p, frames)
			}
		}
	case Rep:
		s.mu.Lock()
		req := s.pending
		s.pending = nil
		s.mu.Unlock()
		if req == nil {
			return ErrState
		}
		s.queue(req.p, append(req.frames[:len(req.frames):len(req.frames)], frames...))
	case Dealer, Req:
		if s.typ == Req {
			frames = append([][]byte{{}}, frames...)
		}
		s.mu.Lock()
		if len(s.order) == 0 {
			s.mu.Unlock()
			return ErrNoPeer
		}
		s.next = (s.next + 1) % len(s.order)
		p := s.order[s.next]
		s.mu.Unlock()
		select {
		case p.out <- outgoing{frames: frames}:
		case <-p.done:
			return ErrNoPeer
		case <-s.closed:
			return ErrClosed
		}
	case Sub:
		return ErrNoSend
	}
	return nil
}

// queue queues a message for p or drops it when p's queue is full.
func (s *Socket) queue(p *peer, frames [][]byte) {
	if !p.enqueue(outgoing{frames: frames}) {
		s.dropped.Add(1)
	}
}

func (s *Socket) snapshot() []*peer {
	s.mu.Lock()
	defer s.mu.Unlock()
	ps := make([]*peer, 0, len(s.peers))
	for p := range s.peers {
		ps = append(ps, p)
	}
	return ps
}

// Subscribe makes a SUB socket receive the messages whose first frame
// starts with prefix (all messages for an empty prefix).
func (s *Socket) Subscribe(prefix []byte) error {
	if s.typ != Sub {
		return errors.New("zmtp: only SUB sockets subscribe")
	}
	prefix = bytes.Clone(prefix)
	s.mu.Lock()
	s.subs = append(s.subs, prefix)
	ps := make([]*peer, 0, len(s.peers))
	for p := range s.peers {
		ps = append(ps, p)
	}
	s.mu.Unlock()
	for _, p := range ps {
		p.enqueue(subscription(p, prefix, true))
	}
	return nil
}

// subscription encodes a subscription for p: a SUBSCRIBE or CANCEL
// command for ZMTP 3.1 peers, a message starting with 1 or 0 for 3.0.
func subscription(p *peer, prefix []byte, on bool) outgoing {
	if p.info.minor >= 1 {
		name := "CANCEL"
		if on {
			name = "SUBSCRIBE"
		}
		return outgoing{frames: [][]byte{encodeCommand(name, prefix)}, command: true}
	}
	flag := byte(0)
	if on {
		flag = 1
	}
	return outgoing{frames: [][]byte{append([]byte{flag}, prefix...)}}
}
