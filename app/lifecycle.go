package app

import (
	"context"
	"sync"
	"time"

	wruntime "github.com/wailsapp/wails/v2/pkg/runtime"
)

// EventBeforeClose asks the frontend to save what is still queued; it answers
// by calling SystemService.Quit.
const EventBeforeClose = "app:before-close"

// closeGuard lets the window close only after the frontend flushed its queued
// edits, so nothing typed in the last fraction of a second is lost. A frontend
// that does not answer within closeTimeout does not keep the window open.
type closeGuard struct {
	mu        sync.Mutex
	confirmed bool
	asked     bool
}

const closeTimeout = 3 * time.Second

// beforeClose is Wails' OnBeforeClose: true prevents the close.
func (g *closeGuard) beforeClose(ctx context.Context, emit func(context.Context, string), quit func(context.Context)) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.confirmed {
		return false
	}
	if !g.asked {
		g.asked = true
		emit(ctx, EventBeforeClose)
		time.AfterFunc(closeTimeout, func() {
			g.confirm()
			quit(ctx)
		})
	}
	return true
}

func (g *closeGuard) confirm() {
	g.mu.Lock()
	g.confirmed = true
	g.mu.Unlock()
}

func emitEvent(ctx context.Context, name string) { wruntime.EventsEmit(ctx, name) }

// Quit closes the app once the frontend has saved everything.
func (s *SystemService) Quit() {
	s.close.confirm()
	wruntime.Quit(s.ctx)
}
