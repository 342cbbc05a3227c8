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
	ws, err := openReadOnly(fs.Arg(0))
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
	if err := writeJSONLines(stdout, items); err != nil {
		fmt.Fprintf(stderr, "icpdesk-cli due: %v\n", err)
		return 2
	}
	return 0
}

// openReadOnly opens a workspace file for reading only: no migration, no
// backup, no writes (the app may not have it open).
func openReadOnly(path string) (*store.Store, error) {
	return store.Open(path, store.Options{MustExist: true, ReadOnly: true, NoBackupOnOpen: true})
}

// writeJSONLines writes each value as one line of JSON (HTML not escaped).
func writeJSONLines[T any](w io.Writer, list []T) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, v := range list {
		if err := enc.Encode(v); err != nil {
			return err
		}
	}
	return nil
}
