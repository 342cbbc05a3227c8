// Command icpdesk-cli is ICP Desk without the window: the same backend code
// paths as the app, for agencies' scripts and for tests.
package main

import (
	"fmt"
	"io"
	"os"
	"sort"

	"icpdesk/assets"
	"icpdesk/backend/checklist"
)

// command is one subcommand; each file registers its own in init().
type command struct {
	usage string
	run   func(args []string, stdout, stderr io.Writer) int
}

var commands = map[string]command{}

func main() {
	if len(os.Args) < 2 {
		usage(os.Stderr)
		os.Exit(2)
	}
	if h := os.Args[1]; h == "help" || h == "-h" || h == "--help" {
		usage(os.Stdout)
		return
	}
	if v := os.Args[1]; v == "version" || v == "--version" || v == "-version" {
		fmt.Println(cliVersion())
		return
	}
	// The embedded tables are parsed once, here: a broken one stops the CLI
	// instead of reading as an empty list later.
	if err := assets.Load(); err != nil {
		fmt.Fprintln(os.Stderr, "icpdesk-cli:", err)
		os.Exit(1)
	}
	if err := checklist.Load(); err != nil {
		fmt.Fprintln(os.Stderr, "icpdesk-cli:", err)
		os.Exit(1)
	}
	c, ok := commands[os.Args[1]]
	if !ok {
		fmt.Fprintf(os.Stderr, "icpdesk-cli: unknown command %q\n", os.Args[1])
		usage(os.Stderr)
		os.Exit(2)
	}
	os.Exit(c.run(os.Args[2:], os.Stdout, os.Stderr))
}

func usage(w io.Writer) {
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	fmt.Fprintln(w, "usage: icpdesk-cli <command> [arguments]")
	fmt.Fprintln(w, "  help")
	fmt.Fprintln(w, "  version (or --version)")
	for _, n := range names {
		fmt.Fprintf(w, "  %s\n", commands[n].usage)
	}
}
