package jupyter

import (
	"fmt"

	"github.com/lingo-nlp/lingo/kernel/zmtp"
)

// zmtpType maps the server's and client's socket patterns to ZeroMQ types.
var zmtpType = map[socketType]zmtp.Type{router: zmtp.Router, pub: zmtp.Pub, rep: zmtp.Rep, dealer: zmtp.Dealer, sub: zmtp.Sub}

// options are the kernel-side socket options. The ports accept any local
// connection before a signature is checked, so sizes are bounded; the
// heartbeat only ever echoes a few bytes.
func options(typ socketType, name string) zmtp.Options {
	o := zmtp.Options{Identity: []byte(name)}
	if typ == rep {
		o.MaxMessageSize = 64 << 10
	}
	return o
}

// listen binds a socket of type typ to addr ("tcp://127.0.0.1:5555"); name
// identifies it to its peers.
func listen(typ socketType, name, addr string) (socket, error) {
	t, ok := zmtpType[typ]
	if !ok {
		return nil, fmt.Errorf("jupyter: unknown socket type %d", typ)
	}
	s := zmtp.NewSocket(t, options(typ, name))
	if err := s.Listen(addr); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// dial connects a socket of type typ to addr; a SUB socket subscribes to
// everything.
func dial(typ socketType, addr string) (socket, error) {
	t, ok := zmtpType[typ]
	if !ok {
		return nil, fmt.Errorf("jupyter: unknown socket type %d", typ)
	}
	s := zmtp.NewSocket(t, zmtp.Options{})
	if err := s.Dial(addr); err != nil {
		s.Close()
		return nil, err
	}
	if typ == sub {
		s.Subscribe(nil)
	}
	return s, nil
}
