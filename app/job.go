package app

import (
	"context"
	"sync"
)

// singleJob lets one long-running job (a batch of checklists, of packages) run
// at a time per service, and be cancelled from another bound call.
type singleJob struct {
	mu     sync.Mutex
	cancel context.CancelFunc // of the running job, nil when none runs
}

// start begins a job under parent: it returns the job's context and the
// function to call when the job ends, or ok false when a job already runs.
func (j *singleJob) start(parent context.Context) (ctx context.Context, done func(), ok bool) {
	ctx, cancel := context.WithCancel(parent)
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.cancel != nil {
		cancel()
		return nil, nil, false
	}
	j.cancel = cancel
	return ctx, func() {
		j.mu.Lock()
		j.cancel = nil
		j.mu.Unlock()
		cancel()
	}, true
}

// stop cancels the running job, if any; it stops at its next step.
func (j *singleJob) stop() {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.cancel != nil {
		j.cancel()
	}
}
