package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"icpdesk/backend"
	"icpdesk/backend/rules"
)

func init() {
	commands["check"] = command{
		usage: "check id <kind> <value> | check application [--today YYYY-MM-DD] <file.json> | check photo [--auto-crop] <slot> <file>",
		run:   runCheck,
	}
}

// runCheck dispatches "check id|application|photo"; findings go to stdout as
// JSON lines, exit 0 nothing blocks, 1 something blocks, 2 unusable input.
func runCheck(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "icpdesk-cli check: say what to check: id, application or photo")
		return 2
	}
	switch args[0] {
	case "id":
		return checkID(args[1:], stdout, stderr)
	case "application", "app":
		return checkApplication(args[1:], stdout, stderr)
	case "photo":
		return checkPhoto(args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "icpdesk-cli check: unknown target %q (want id, application or photo)\n", args[0])
	return 2
}

func checkID(args []string, stdout, stderr io.Writer) int {
	kinds := rules.IDKinds()
	if len(args) != 2 {
		fmt.Fprintf(stderr, "icpdesk-cli check id: want <kind> <value>; kinds: %s\n", strings.Join(kinds, ", "))
		return 2
	}
	known := false
	for _, k := range kinds {
		known = known || k == args[0]
	}
	if !known {
		fmt.Fprintf(stderr, "icpdesk-cli check id: unknown kind %q; kinds: %s\n", args[0], strings.Join(kinds, ", "))
		return 2
	}
	return printFindings(stdout, rules.CheckID(args[0], args[1], backend.SystemClock{}))
}

func checkApplication(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("check application", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	today := todayFlag(fs)
	if err := fs.Parse(args); err != nil || fs.NArg() != 1 {
		fmt.Fprintln(stderr, "icpdesk-cli check application: want [--today YYYY-MM-DD] <file.json>")
		return 2
	}
	clock, err := today()
	if err != nil {
		fmt.Fprintf(stderr, "icpdesk-cli check application: %v\n", err)
		return 2
	}
	app, err := readApplication(fs.Arg(0))
	if err != nil {
		fmt.Fprintf(stderr, "icpdesk-cli check application: %s: %v\n", fs.Arg(0), err)
		return 2
	}
	return printFindings(stdout, rules.Check(app, clock))
}

// todayFlag adds --today to fs; the function it returns gives the clock to
// check with (noon of that day in Shanghai, or the system clock).
func todayFlag(fs *flag.FlagSet) func() (backend.Clock, error) {
	today := fs.String("today", "", "check as of this date (YYYY-MM-DD, Shanghai time) instead of now")
	return func() (backend.Clock, error) {
		if *today == "" {
			return backend.SystemClock{}, nil
		}
		t, err := time.ParseInLocation("2006-01-02", *today, backend.Shanghai)
		if err != nil {
			return nil, fmt.Errorf("--today %q is not a date like 2025-06-15", *today)
		}
		return backend.FixedClock{T: t.Add(12 * time.Hour)}, nil
	}
}
