package store

import (
	"bytes"
	"testing"

	"icpdesk/backend"
)

func FuzzImportClient(f *testing.F) {
	f.Add([]byte(`{"format":"icpdesk-client","version":1,"client":{"name":"a"},"applications":[]}`))
	f.Add([]byte(`{"format":"icpdesk-client","version":1,"client":{"name":"a"},"applications":[{"status":"draft","doc":{"version":1}}]}`))
	f.Add([]byte(`{"format":"icpdesk-client","version":1,"client":{"name":"a"},"applications":[{"status":"draft","doc":{"version":1},"photos":[{"slot":"entity.cert","original":"AA=="}]}]}`))
	s := mustOpen(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := s.ImportClient(ctx, bytes.NewReader(data))
		if err != nil && backend.ErrorCode(err) == backend.ECodeInternal {
			t.Fatalf("import failed without a user-facing code: %v", err)
		}
	})
}
