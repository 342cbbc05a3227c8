package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"icpdesk/backend"
	"icpdesk/backend/photo"
	"icpdesk/backend/rules"
	"icpdesk/backend/submit"
)

func init() {
	commands["list"] = command{
		usage: "list <workspace.icpdesk>   (live applications as JSON lines with what each still misses: blocking, warnings, photos, checklists, handChecks, as the app's list counts them)",
		run:   runList,
	}
}

// listRow is one line of `list`: the summary, the counts, every domain.
type listRow struct {
	backend.ApplicationSummary
	submit.Counts
	Domains []string `json:"domains"`
}

// counter is the app's row counter: the rules engine, the readiness gate
// with the required photo slots (photo.RequiredSlotKeys) and signed-checklist
// scan slots, as app.counter wires it.
func counter(clock backend.Clock) submit.Counter {
	return submit.Counter{
		Gate: submit.Gate{
			Check:         func(a backend.Application) []backend.Finding { return rules.Check(a, clock) },
			RequiredSlots: photo.RequiredSlotKeys,
			ScanSlots:     photo.ChecklistScanSlots,
		},
		ForStatus:   rules.ForStatus,
		Confirmable: rules.Confirmable,
	}
}

// runList lists the live applications with their counts: exit 0 listed
// (maybe nothing), 2 unusable input or a read failure (never a row that
// reads "nothing missing" because it could not be counted).
func runList(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("list", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil || fs.NArg() != 1 {
		fmt.Fprintln(stderr, "icpdesk-cli list: want <workspace.icpdesk>")
		return 2
	}
	ws, err := openReadOnly(fs.Arg(0))
	if err != nil {
		fmt.Fprintf(stderr, "icpdesk-cli list: %v\n", err)
		return 2
	}
	defer ws.Close()
	ctx := context.Background()
	c := counter(backend.FixedClock{T: time.Now()}) // one "now" for every row
	f := backend.ApplicationFilter{Limit: 500}
	for {
		page, err := ws.ListApplications(ctx, f)
		if err != nil {
			fmt.Fprintf(stderr, "icpdesk-cli list: %v\n", err)
			return 2
		}
		rows := make([]listRow, 0, len(page.Items))
		for _, sum := range page.Items {
			rec, err := ws.GetApplication(ctx, sum.ID)
			if backend.ErrorCode(err) == backend.ECodeNotFound {
				continue // deleted meanwhile
			}
			if err != nil {
				fmt.Fprintf(stderr, "icpdesk-cli list: application %d: %v\n", sum.ID, err)
				return 2
			}
			n, err := c.Count(ctx, ws, rec)
			if err != nil {
				fmt.Fprintf(stderr, "icpdesk-cli list: application %d: %v\n", sum.ID, err)
				return 2
			}
			rows = append(rows, listRow{ApplicationSummary: sum, Counts: n, Domains: rec.Doc.Domains()})
		}
		if err := writeJSONLines(stdout, rows); err != nil {
			fmt.Fprintf(stderr, "icpdesk-cli list: %v\n", err)
			return 2
		}
		f.Offset += len(page.Items)
		if len(page.Items) == 0 || f.Offset >= page.Total {
			return 0
		}
	}
}
