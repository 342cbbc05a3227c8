package pgstore

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"sort"
	"sync"
	"testing"

	"icpdesk/backend"
	"icpdesk/backend/workspacetest"
)

func set(path string, v any) backend.DraftPatch {
	raw, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return backend.DraftPatch{Path: path, Value: raw}
}

// save is one SaveDraftFrom a clerk made, as acknowledged.
type save struct {
	clerk     string
	app       int64
	base, rev int64
	shared    string // the value the clerk gave the shared field
	applied   bool   // false: reported as a conflict
	own       bool   // the save also set the clerk's own field to shared
	conflict  backend.DraftConflict
}

// TestConcurrentClerksLoseNothing has several clerks (goroutines, each its
// own role and connection pool) autosave the same applications at once. Each
// save sets the clerk's own field and one field every clerk edits, from the
// rev the clerk last saw. Afterwards: every clerk's last acknowledged value
// of their own field is stored (no acknowledged save lost); a shared-field
// change was applied exactly when no other clerk had changed that field since
// the save's base, and reported as a conflict naming that clerk otherwise.
func TestConcurrentClerksLoseNothing(t *testing.T) {
	schema := newSchema(t)
	own := map[string]string{"c1": "entity.city", "c2": "entity.district", "c3": "entity.address", "c4": "entity.certAddress"}
	for c := range own {
		if _, err := AddClerk(ctx, adminDSN(t), Options{Schema: schema}, c, ""); err != nil {
			t.Fatal(err)
		}
	}
	admin := openAs(t, schema, clerkA, workspacetest.Config{Clock: backend.SystemClock{}})
	client, err := admin.CreateClient(ctx, backend.Client{Name: "Concurrent"})
	if err != nil {
		t.Fatal(err)
	}
	var apps []int64
	for range 3 {
		r, err := admin.CreateApplication(ctx, client.ID, backend.Application{})
		if err != nil {
			t.Fatal(err)
		}
		apps = append(apps, r.ID)
	}

	const savesPerClerk = 30
	var mu sync.Mutex
	var saves []save
	var wg sync.WaitGroup
	errs := make(chan error, len(own))
	for clerk, field := range own {
		s := openAs(t, schema, clerk, workspacetest.Config{Clock: backend.SystemClock{}})
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewSource(int64(len(clerk) + int(clerk[1]))))
			base := map[int64]int64{}
			for i := 0; i < savesPerClerk; i++ {
				app := apps[rng.Intn(len(apps))]
				if base[app] == 0 {
					r, err := s.GetApplication(ctx, app)
					if err != nil {
						errs <- err
						return
					}
					base[app] = r.Rev
				}
				value := fmt.Sprintf("%s-%d", clerk, i)
				res, err := s.SaveDraftFrom(ctx, app, base[app], set(field, value), set("entity.name", value))
				if err != nil {
					errs <- fmt.Errorf("%s save %d: %w", clerk, i, err)
					return
				}
				sv := save{clerk: clerk, app: app, base: base[app], rev: res.Record.Rev, shared: value, applied: len(res.Conflicts) == 0, own: true}
				if !sv.applied {
					sv.conflict = res.Conflicts[0]
				}
				mu.Lock()
				saves = append(saves, sv)
				mu.Unlock()
				base[app] = res.Record.Rev
				if !sv.applied && rng.Intn(2) == 0 {
					// the clerk keeps theirs: saved again from the current rev
					res, err := s.SaveDraftFrom(ctx, app, base[app], set("entity.name", value+"-mine"))
					if err != nil {
						errs <- err
						return
					}
					mu.Lock()
					saves = append(saves, save{clerk: clerk, app: app, base: base[app], rev: res.Record.Rev, shared: value + "-mine",
						applied: len(res.Conflicts) == 0, conflict: first(res.Conflicts)})
					mu.Unlock()
					base[app] = res.Record.Rev
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}

	conflicts := 0
	for _, app := range apps {
		final, err := admin.GetApplication(ctx, app)
		if err != nil {
			t.Fatal(err)
		}
		var mine []save
		for _, s := range saves {
			if s.app == app {
				mine = append(mine, s)
			}
		}
		sort.Slice(mine, func(i, j int) bool { return mine[i].rev < mine[j].rev })
		// own fields: each clerk's last acknowledged value is there
		last := map[string]string{}
		for _, s := range mine {
			if s.own {
				last[s.clerk] = s.shared
			}
		}
		for clerk, v := range last {
			if got := string(backend.ValueAt(mustJSON(t, final.Doc), own[clerk])); got != `"`+v+`"` {
				t.Errorf("application %d: %s's last acknowledged %s = %q, stored %s", app, clerk, own[clerk], v, got)
			}
		}
		// the shared field
		var lastApplied *save
		for i := range mine {
			s := &mine[i]
			var between *save // the latest other clerk's applied change after s.base, before s
			for j := range mine {
				o := &mine[j]
				// a save that wrote nothing returns the rev it found, which may be o's
				before := o.rev < s.rev || (o.rev == s.rev && !s.applied && !s.own)
				if o.clerk != s.clerk && o.applied && o.rev > s.base && before && (between == nil || o.rev > between.rev) {
					between = o
				}
			}
			switch {
			case s.applied && between != nil:
				t.Errorf("application %d: %s's save (base %d, rev %d) silently overwrote %s's change at rev %d", app, s.clerk, s.base, s.rev, between.clerk, between.rev)
			case !s.applied && between == nil:
				t.Errorf("application %d: %s's save (base %d, rev %d) reported a conflict nobody caused: %+v", app, s.clerk, s.base, s.rev, s.conflict)
			case !s.applied && (s.conflict.Clerk != between.clerk || string(s.conflict.Theirs) != `"`+between.shared+`"`):
				t.Errorf("application %d: conflict %+v, want %s's %q", app, s.conflict, between.clerk, between.shared)
			}
			if !s.applied {
				conflicts++
			} else {
				lastApplied = s
			}
		}
		if lastApplied != nil && final.Doc.Entity.Name != lastApplied.shared {
			t.Errorf("application %d: name %q, last applied %q", app, final.Doc.Entity.Name, lastApplied.shared)
		}
	}
	if conflicts == 0 {
		t.Error("no conflict arose: the test did not exercise concurrent edits")
	}
	t.Logf("%d saves by %d clerks on %d applications, %d conflicts reported, none lost", len(saves), len(own), len(apps), conflicts)
}

func first(cs []backend.DraftConflict) backend.DraftConflict {
	if len(cs) == 0 {
		return backend.DraftConflict{}
	}
	return cs[0]
}

func mustJSON(t testing.TB, v any) []byte {
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}
