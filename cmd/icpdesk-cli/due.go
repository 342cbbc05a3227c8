package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"time"

	"icpdesk/backend/store"
	"icpdesk/backend/submit"
)

func init() {
	commands["due"] = command{
		usage: "due [--days N] <workspace.icpdesk>   (deadlines due within N days, overdue included, as JSON lines; the app must not have the workspace open)",
		run:   runDue,
	}
}

// runDue lists the workspace's open deadlines with the app's own computation
// (submit.DueAcross): exit 0 listed (maybe nothing), 2 unusable input.
func runDue(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("due", flag.ContinueOnError)
	fs.SetOutput(stderr)
	days := fs.Int("days", 7, "how many days ahead")
	if err := fs.Parse(args); err != nil || fs.NArg() != 1 || *days < 0 {
		fmt.Fprintln(stderr, "icpdesk-cli due: want [--days N] <workspace.icpdesk>")
		return 2
	}
	ws, err := store.Open(fs.Arg(0), store.Options{MustExist: true, ReadOnly: true, NoBackupOnOpen: true})
	if err != nil {
		fmt.Fprintf(stderr, "icpdesk-cli due: %v\n", err)
		return 2
	}
	defer ws.Close()
	items, err := submit.DueAcross(context.Background(), ws, time.Now(), time.Duration(*days)*24*time.Hour)
	if err != nil {
		fmt.Fprintf(stderr, "icpdesk-cli due: %v\n", err)
		return 2
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	for _, it := range items {
		if err := enc.Encode(it); err != nil {
			fmt.Fprintf(stderr, "icpdesk-cli due: %v\n", err)
			return 2
		}
	}
	return 0
}
