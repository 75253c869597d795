package jupyter

import (
	"context"
	"fmt"

	"github.com/go-zeromq/zmq4"
)

// zmqSocket is a socket from go-zeromq/zmq4.
type zmqSocket struct{ s zmq4.Socket }

func (z zmqSocket) Recv() ([][]byte, error) {
	m, err := z.s.Recv()
	return m.Frames, err
}

func (z zmqSocket) Send(frames [][]byte) error { return z.s.Send(zmq4.NewMsgFrom(frames...)) }

func (z zmqSocket) Close() error { return z.s.Close() }

func newZMQ(typ socketType, name string) (zmq4.Socket, error) {
	ctx := context.Background()
	switch typ {
	case router:
		return zmq4.NewRouter(ctx, zmq4.WithID(zmq4.SocketIdentity(name))), nil
	case pub:
		return zmq4.NewPub(ctx), nil
	case rep:
		return zmq4.NewRep(ctx), nil
	case dealer:
		return zmq4.NewDealer(ctx), nil
	case sub:
		return zmq4.NewSub(ctx), nil
	}
	return nil, fmt.Errorf("jupyter: unknown socket type %d", typ)
}

// listen binds a socket of type typ to addr ("tcp://127.0.0.1:5555"); name
// identifies it to its peers.
func listen(typ socketType, name, addr string) (socket, error) {
	s, err := newZMQ(typ, name)
	if err != nil {
		return nil, err
	}
	if err := s.Listen(addr); err != nil {
		s.Close()
		return nil, err
	}
	return zmqSocket{s}, nil
}

// dial connects a socket of type typ to addr.
func dial(typ socketType, addr string) (socket, error) {
	s, err := newZMQ(typ, "")
	if err != nil {
		return nil, err
	}
	if err := s.Dial(addr); err != nil {
		s.Close()
		return nil, err
	}
	if typ == sub {
		if err := s.SetOption(zmq4.OptionSubscribe, ""); err != nil {
			s.Close()
			return nil, err
		}
	}
	return zmqSocket{s}, nil
}
