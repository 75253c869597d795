package jupyter

// socket is all the server and the client need of a ZeroMQ socket: sending
// and receiving multipart messages. zmtp.go implements it with package
// kernel/zmtp; nothing else in the package knows which ZeroMQ
// implementation is underneath.
type socket interface {
	// Recv returns the frames of the next message. On a ROUTER socket the
	// first frame is the sender's routing identity.
	Recv() ([][]byte, error)
	// Send sends one multipart message. On a ROUTER socket the first frame
	// names the peer to send it to.
	Send(frames [][]byte) error
	Close() error
}

// socketType is the ZeroMQ pattern of a socket.
type socketType int

const (
	router socketType = iota // shell, control and stdin (kernel side)
	pub                      // iopub (kernel side)
	rep                      // heartbeat (kernel side)
	dealer                   // shell and control (client side)
	sub                      // iopub (client side), subscribed to everything
)
