package app

import (
	"context"
	"sync/atomic"
	"testing"
)

func TestCloseGuardAsksOnceThenAllows(t *testing.T) {
	var g closeGuard
	var emitted, quit atomic.Int32
	emit := func(context.Context, string) { emitted.Add(1) }
	q := func(context.Context) { quit.Add(1) }
	if !g.beforeClose(context.Background(), emit, q) {
		t.Fatal("first close was not held for the frontend to save")
	}
	if !g.beforeClose(context.Background(), emit, q) {
		t.Fatal("a second close before the answer was not held")
	}
	if emitted.Load() != 1 {
		t.Fatalf("asked the frontend %d times, want 1", emitted.Load())
	}
	g.confirm()
	if g.beforeClose(context.Background(), emit, q) {
		t.Fatal("close still held after the frontend confirmed")
	}
}
