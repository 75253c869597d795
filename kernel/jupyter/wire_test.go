package jupyter

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"
)

func TestEncodeDecodeRoundTrip(t *testing.T) {
	s := signer{key: []byte("secret")}
	m, err := newMessage("execute_request", "sess", nil, map[string]any{"code": "1+1"})
	if err != nil {
		t.Fatal(err)
	}
	m.Identities = [][]byte{[]byte("client-1")}
	frames, err := s.Encode(m)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Decode(frames)
	if err != nil {
		t.Fatal(err)
	}
	if got.Header.MsgType != "execute_request" || string(got.Identities[0]) != "client-1" {
		t.Fatalf("round trip lost data: %+v", got)
	}
	var c struct{ Code string }
	if err := json.Unmarshal(got.Content, &c); err != nil || c.Code != "1+1" {
		t.Fatalf("content = %s (%v)", got.Content, err)
	}
	if string(got.Parent) != "{}" {
		t.Fatalf("parent = %s, want {}", got.Parent)
	}
}

func TestDecodeRejectsWrongKey(t *testing.T) {
	m, _ := newMessage("execute_request", "sess", nil, map[string]any{"code": "x"})
	frames, _ := signer{key: []byte("attacker")}.Encode(m)
	if _, err := (signer{key: []byte("secret")}).Decode(frames); !errors.Is(err, ErrBadSignature) {
		t.Fatalf("wrong key: err = %v, want ErrBadSignature", err)
	}
	// A missing signature is rejected too.
	frames[1] = nil
	if _, err := (signer{key: []byte("secret")}).Decode(frames); !errors.Is(err, ErrBadSignature) {
		t.Fatalf("missing signature: err = %v, want ErrBadSignature", err)
	}
}

func TestDecodeMalformed(t *testing.T) {
	s := signer{}
	cases := map[string][][]byte{
		"no delimiter": {[]byte("a"), []byte("b")},
		"short":        {delimiter, []byte(""), []byte("{}")},
		"bad header":   {delimiter, nil, []byte("{"), []byte("{}"), []byte("{}"), []byte("{}")},
		"no type":      {delimiter, nil, []byte(`{"msg_id":"1"}`), []byte("{}"), []byte("{}"), []byte("{}")},
		"array body":   {delimiter, nil, []byte(`{"msg_type":"x"}`), []byte("{}"), []byte("{}"), []byte("[1]")},
	}
	for name, frames := range cases {
		t.Run(name, func(t *testing.T) {
			if _, err := s.Decode(frames); err == nil {
				t.Fatal("malformed frames decoded without error")
			}
		})
	}
}

func FuzzDecode(f *testing.F) {
	s := signer{key: []byte("k")}
	m, _ := newMessage("kernel_info_request", "s", nil, map[string]any{})
	frames, _ := s.Encode(m)
	f.Add(bytes.Join(frames, []byte{0}))
	f.Add([]byte("<IDS|MSG>\x00\x00{}\x00{}\x00{}\x00{}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		parts := bytes.Split(data, []byte{0})
		_, _ = s.Decode(parts)
		_, _ = signer{}.Decode(parts)
	})
}
