package app

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"icpdesk/backend"
)

func TestFormatError(t *testing.T) {
	cases := []struct {
		name  string
		err   error
		code  string
		field string
	}{
		{"coded", backend.Errorf(backend.ECodeInvalid, "language", map[string]any{"value": "fr"}, "bad"), "invalid", "language"},
		{"wrapped coded", errors.Join(errors.New("ctx"), backend.Errorf(backend.ECodeLocked, "", nil, "x")), "locked", ""},
		{"plain", errors.New("disk on fire"), "internal", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, ok := formatError(c.err).(string)
			if !ok {
				t.Fatalf("formatError returned %T, want string", formatError(c.err))
			}
			var got struct {
				Code   string         `json:"code"`
				Field  string         `json:"field"`
				Params map[string]any `json:"params"`
			}
			if err := json.Unmarshal([]byte(s), &got); err != nil {
				t.Fatalf("not JSON: %q", s)
			}
			if got.Code != c.code || got.Field != c.field || got.Params == nil {
				t.Fatalf("got %+v, want code %q field %q", got, c.code, c.field)
			}
			if strings.Contains(s, "disk on fire") {
				t.Fatalf("internal cause leaked to the user: %s", s)
			}
		})
	}
}

func TestWorkspaceFromArgs(t *testing.T) {
	t.Setenv(EnvWorkspace, "/env/w.icpdesk")
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"-workspace", "/a/b.icpdesk"}, "/a/b.icpdesk"},
		{[]string{"--workspace=/c.icpdesk"}, "/c.icpdesk"},
		{[]string{"-devserver", "127.0.0.1:1"}, "/env/w.icpdesk"},
		{nil, "/env/w.icpdesk"},
	}
	for _, c := range cases {
		if got := workspaceFromArgs(c.args); got != c.want {
			t.Errorf("workspaceFromArgs(%q) = %q, want %q", c.args, got, c.want)
		}
	}
}
