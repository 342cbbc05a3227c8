package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"time"

	"icpdesk/backend/submit"
)

func init() {
	commands["timeline"] = command{
		usage: "timeline <workspace.icpdesk> <application-id>   (status history, open deadlines, next statuses, rejections, approval and PSB steps as JSON, as the app's tracking step shows them)",
		run:   runTimeline,
	}
}

// runTimeline prints an application's timeline with the app's own assembly
// (submit.LoadTimeline): exit 0 printed, 2 unusable input or a read failure.
func runTimeline(args []string, stdout, stderr io.Writer) int {
	if len(args) != 2 {
		fmt.Fprintln(stderr, "icpdesk-cli timeline: want <workspace.icpdesk> <application-id>")
		return 2
	}
	id, err := strconv.ParseInt(args[1], 10, 64)
	if err != nil || id <= 0 {
		fmt.Fprintf(stderr, "icpdesk-cli timeline: %q is not an application id\n", args[1])
		return 2
	}
	ws, err := openReadOnly(args[0])
	if err != nil {
		fmt.Fprintf(stderr, "icpdesk-cli timeline: %v\n", err)
		return 2
	}
	defer ws.Close()
	tl, err := submit.LoadTimeline(context.Background(), ws, id, time.Now())
	if err != nil {
		fmt.Fprintf(stderr, "icpdesk-cli timeline: %v\n", err)
		return 2
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(tl); err != nil {
		fmt.Fprintf(stderr, "icpdesk-cli timeline: %v\n", err)
		return 2
	}
	return 0
}
