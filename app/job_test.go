package app

import (
	"context"
	"testing"
)

func TestSingleJob(t *testing.T) {
	var j singleJob
	j.stop() // nothing runs: harmless
	ctx, done, ok := j.start(context.Background())
	if !ok {
		t.Fatal("the first job was refused")
	}
	if _, _, ok := j.start(context.Background()); ok {
		t.Fatal("a second job started while the first runs")
	}
	j.stop()
	if ctx.Err() == nil {
		t.Fatal("stop did not cancel the running job")
	}
	done()
	ctx2, done2, ok := j.start(context.Background())
	if !ok || ctx2.Err() != nil {
		t.Fatal("a job could not start after the last one ended")
	}
	done2()
	if ctx2.Err() == nil {
		t.Fatal("done did not release the job's context")
	}
}
