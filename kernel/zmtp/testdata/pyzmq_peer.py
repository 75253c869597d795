"""The libzmq side of zmtp's interoperability test (TestPyZMQInterop).

Run by the Go test with the endpoints of its ROUTER, PUB and REP sockets;
it talks to them as jupyter_client does, then binds a pyzmq ROUTER and
XPUB for the Go DEALER and SUB to connect to. Lines on stdout keep the two
sides in step; any mismatch raises and exits non-zero.
"""
import sys

import zmq

router_ep, pub_ep, rep_ep = sys.argv[1:4]
ctx = zmq.Context()


def sock(kind):
    s = ctx.socket(kind)
    s.linger = 0
    s.rcvtimeo = 60000
    s.sndtimeo = 60000
    return s


def say(*words):
    print(*words, flush=True)


# A DEALER with an identity, as jupyter_client's shell channel.
d = sock(zmq.DEALER)
d.setsockopt(zmq.IDENTITY, b"py")
d.connect(router_ep)
d.send_multipart([b"hello", b"world"])
got = d.recv_multipart()
assert got == [b"reply"], got

# A SUB filtering on a topic, as an iopub channel.
s = sock(zmq.SUB)
s.setsockopt(zmq.SUBSCRIBE, b"status")
s.connect(pub_ep)
say("subscribed")
got = s.recv_multipart()
assert got == [b"status", b"idle"], got

# A REQ, as the heartbeat channel.
r = sock(zmq.REQ)
r.connect(rep_ep)
r.send(b"ping")
got = r.recv()
assert got == b"ping", got

# Now libzmq listens and the Go sockets connect.
pr = sock(zmq.ROUTER)
port1 = pr.bind_to_random_port("tcp://127.0.0.1")
xp = sock(zmq.XPUB)
port2 = xp.bind_to_random_port("tcp://127.0.0.1")
say("ports", port1, port2)
ident, msg = pr.recv_multipart()
assert msg == b"hi", msg
pr.send_multipart([ident, b"back"])
sub = xp.recv()
assert sub == b"\x01", sub
xp.send_multipart([b"iopub", b"data"])
say("done", zmq.zmq_version())
