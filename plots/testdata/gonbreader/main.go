package main

import (
	"encoding/gob"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/janpfeifer/gonb/gonbui/protocol"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: gonbreader PIPE PIPE_BACK")
		os.Exit(2)
	}
	acks := make(chan *protocol.CommValue, 16)
	done := make(chan struct{})
	go func() {
		defer close(done)
		w, err := os.OpenFile(os.Args[2], os.O_WRONLY, 0o600)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return
		}
		defer w.Close()
		enc := gob.NewEncoder(w)
		for a := range acks {
			if err := enc.Encode(a); err != nil {
				fmt.Fprintln(os.Stderr, err)
				return
			}
		}
	}()
	r, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	dec := gob.NewDecoder(r)
	out := json.NewEncoder(os.Stdout)
	known := map[string]bool{}
	for {
		data := &protocol.DisplayData{}
		err := dec.Decode(data)
		if errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			fmt.Fprintln(os.Stderr, "failed to parse message:", err)
			os.Exit(1)
		}
		if reqAny, found := data.Data[protocol.MIMECommValue]; found {
			req, ok := reqAny.(protocol.CommValue)
			if !ok {
				fmt.Fprintf(os.Stderr, "comm value of type %T\n", reqAny)
				os.Exit(1)
			}
			if id, ok := req.Value.(int); ok && req.Address == protocol.GonbuiSyncAddress {
				acks <- &protocol.CommValue{Address: protocol.GonbuiSyncAckAddress, Value: id}
			}
			continue
		}
		msgType, transient := "display_data", map[string]any{}
		if data.DisplayID != "" {
			transient["display_id"] = data.DisplayID
			if known[data.DisplayID] {
				msgType = "update_display_data"
			}
			known[data.DisplayID] = true
		}
		if err := out.Encode(map[string]any{"msg_type": msgType, "content": map[string]any{
			"data": data.Data, "metadata": data.Metadata, "transient": transient}}); err != nil {
			os.Exit(1)
		}
	}
	close(acks)
	<-done
}
