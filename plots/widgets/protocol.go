package widgets

import (
	"encoding/json"
	"os"
	"sync"

	"github.com/lingo-nlp/lingo/plots/comm"
)

// Protocol is a version of the Jupyter widgets messaging protocol.
type Protocol int

// The protocols Lingo speaks.
const (
	// Protocol2 is messaging protocol 2.1 with the models of ipywidgets 8
	// (@jupyter-widgets/controls 2.0.0, @jupyter-widgets/base 2.0.0,
	// @jupyter-widgets/output 1.0.0): what JupyterLab 4, Notebook 7, VS
	// Code, Colab and @jupyter-widgets/html-manager speak. It is the
	// default.
	Protocol2 Protocol = 2
	// Protocol1 is messaging protocol version 1 with the models of
	// ipywidgets 6 (jupyter-js-widgets ~2.1.4): what Debian 12's classic
	// Notebook 6 speaks with its jupyter-nbextension-jupyter-js-widgets
	// 6.0.0 package.
	Protocol1 Protocol = 1
)

// String names the protocol version as the specification does.
func (p Protocol) String() string {
	if p == Protocol1 {
		return "1"
	}
	return "2.1.0"
}

// Targets and versions of the protocols.
const (
	// TargetWidget is the comm target of widget models.
	TargetWidget = "jupyter.widget"
	// TargetVersion is the comm target a protocol-1 front end opens to
	// check versions.
	TargetVersion = "jupyter.widget.version"
	// TargetControl is the comm target a protocol-2 front end (ipywidgets
	// 7.7 and later) opens to fetch every model's state in one message.
	TargetControl = "jupyter.widget.control"

	// frontendVersion1 is the semver range of jupyter-js-widgets that the
	// protocol-1 models are written for (ipywidgets 6.0.0's
	// __frontend_version__).
	frontendVersion1 = "~2.1.4"
	// protocolVersion2 goes in the metadata of every comm_open.
	protocolVersion2 = "2.1.0"
)

var (
	protoMu  sync.Mutex
	explicit Protocol // set by SetProtocol or LINGO_WIDGETS_PROTOCOL
	detected Protocol // seen in what the front end sent
	frontend struct {
		version   string // what a protocol-1 front end said it is
		validated bool
	}
)

func init() {
	switch os.Getenv("LINGO_WIDGETS_PROTOCOL") {
	case "1":
		explicit = Protocol1
	case "2", "2.1", "2.1.0":
		explicit = Protocol2
	}
	comm.RegisterTarget(TargetVersion, openVersion)
	comm.RegisterTarget(TargetControl, openControl)
}

// SetProtocol makes widgets created from now on speak protocol p whatever
// the front end shows; SetProtocol(0) returns to detecting it. The
// environment variable LINGO_WIDGETS_PROTOCOL=1 (or 2) does the same for
// a whole session.
func SetProtocol(p Protocol) {
	protoMu.Lock()
	defer protoMu.Unlock()
	explicit = p
}

// CurrentProtocol is the protocol that widgets created now speak: the one
// set with SetProtocol, else the one the front end was seen to speak (a
// protocol-1 front end opens the jupyter.widget.version comm when it
// connects, a protocol-2 front end the jupyter.widget.control comm, and
// each sends its own kind of update), else Protocol2.
func CurrentProtocol() Protocol {
	protoMu.Lock()
	defer protoMu.Unlock()
	switch {
	case explicit != 0:
		return explicit
	case detected != 0:
		return detected
	}
	return Protocol2
}

// detect records the protocol a front end was seen to speak.
func detect(p Protocol) {
	protoMu.Lock()
	defer protoMu.Unlock()
	detected = p
}

// FrontendVersion is what a protocol-1 front end reported on the version
// comm: its jupyter-js-widgets version and whether it accepted ours.
func FrontendVersion() (version string, validated bool) {
	protoMu.Lock()
	defer protoMu.Unlock()
	return frontend.version, frontend.validated
}

// openVersion answers a protocol-1 front end's version check: send the
// semver range of jupyter-js-widgets we expect; it answers whether it
// satisfies it.
func openVersion(c *comm.Comm, _ comm.Message) {
	detect(Protocol1)
	c.OnMessage(func(m comm.Message) {
		var v struct {
			Validated       bool   `json:"validated"`
			FrontendVersion string `json:"frontend_version"`
		}
		if json.Unmarshal(m.Data, &v) == nil {
			protoMu.Lock()
			frontend.version, frontend.validated = v.FrontendVersion, v.Validated
			protoMu.Unlock()
		}
	})
	_ = c.Send(map[string]string{"version": frontendVersion1}, nil)
}

// openControl serves a protocol-2 front end's control comm: request_states
// is answered with update_states, the state of every open model.
func openControl(c *comm.Comm, _ comm.Message) {
	detect(Protocol2)
	c.OnMessage(func(m comm.Message) {
		var req struct {
			Method string `json:"method"`
		}
		if json.Unmarshal(m.Data, &req) != nil || req.Method != "request_states" {
			return
		}
		states := map[string]any{}
		for _, md := range openModels() {
			if md.proto != Protocol2 {
				continue
			}
			s := md.snapshot()
			states[md.id] = map[string]any{
				"model_name":           s["_model_name"],
				"model_module":         s["_model_module"],
				"model_module_version": s["_model_module_version"],
				"state":                s,
			}
		}
		_ = c.Reply(m, map[string]any{"method": "update_states", "states": states, "buffer_paths": [][]any{}}, nil)
	})
}

// echo says whether protocol-2 updates from the front end are echoed back
// (echo_update): yes unless JUPYTER_WIDGETS_ECHO is 0 or false, the switch
// ipywidgets reads.
var echo = func() bool {
	switch os.Getenv("JUPYTER_WIDGETS_ECHO") {
	case "0", "false", "False", "no":
		return false
	}
	return true
}()
