package app

import (
	"errors"
	"testing"

	"icpdesk/backend"
)

func TestNotify(t *testing.T) {
	var got [][2]string
	fail := false
	old := osNotify
	t.Cleanup(func() { osNotify = old })
	osNotify = func(title, body string) error {
		if fail {
			return errors.New("no notification service")
		}
		got = append(got, [2]string{title, body})
		return nil
	}
	s := &SystemService{}
	if err := s.Notify(" 备案时限到期 ", " 云帆：公安备案 "); err != nil || len(got) != 1 || got[0] != [2]string{"备案时限到期", "云帆：公安备案"} {
		t.Fatalf("notify %v %v", got, err)
	}
	if err := s.Notify("  ", "x"); backend.ErrorCode(err) != backend.ECodeInvalid || len(got) != 1 {
		t.Errorf("empty title: %v", err)
	}
	fail = true
	if err := s.Notify("t", "b"); backend.ErrorCode(err) != backend.ECodeUnsupported {
		t.Errorf("no service: %v", err)
	}
}
