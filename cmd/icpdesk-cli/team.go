package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/user"
	"strings"

	"icpdesk/backend"
	"icpdesk/backend/pgstore"
	"icpdesk/backend/store"
)

const teamUsage = `team init <postgres-url> [--schema S]
  team add-clerk <postgres-url> <name> [--password-stdin] [--schema S]
  team copy <from> <to> [--client NAME|ID] [--again] [--dry-run] [--schema S]   (each a workspace file or a postgres:// URL)`

func init() {
	commands["team"] = command{usage: teamUsage, run: runTeam}
}

// teamCommands are the "team <what>" subcommands.
var teamCommands = map[string]func(args []string, stdout, stderr io.Writer) int{
	"init":      runTeamInit,
	"add-clerk": runTeamAddClerk,
	"copy":      runTeamCopy,
}

func runTeam(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		if run, ok := teamCommands[args[0]]; ok {
			return run(args[1:], stdout, stderr)
		}
	}
	fmt.Fprintln(stderr, "icpdesk-cli team: usage:\n  "+teamUsage)
	return 2
}

// isTeamAddress tells a PostgreSQL address (URL or key=value DSN) from a
// workspace file path.
func isTeamAddress(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://") ||
		strings.Contains(s, "host=") || strings.Contains(s, "dbname=")
}

// errLine says what went wrong in one line: the coded error with its cause.
func errLine(err error) string {
	e := backend.AsError(err)
	switch e.Code {
	case backend.ECodeUnavailable:
		return "the server cannot be reached: " + e.Error()
	case backend.ECodeAuth:
		return "the server refused the user name or password: " + e.Error()
	case backend.ECodeReadOnly:
		return "not allowed for this role: " + e.Error()
	}
	return e.Error()
}

func runTeamInit(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("team init", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	schema := fs.String("schema", pgstore.DefaultSchema, "schema holding the workspace")
	pos, err := parseInterspersed(fs, args)
	if err != nil || len(pos) != 1 {
		fmt.Fprintln(stderr, "icpdesk-cli team init: usage: team init <postgres-url> [--schema S]")
		return 2
	}
	res, err := pgstore.Init(context.Background(), pos[0], pgstore.Options{Schema: *schema})
	if err != nil {
		fmt.Fprintln(stderr, "icpdesk-cli team init:", errLine(err))
		return 1
	}
	if res.From == res.To {
		fmt.Fprintf(stdout, "schema %s is up to date (version %d)\n", *schema, res.To)
	} else {
		fmt.Fprintf(stdout, "schema %s migrated from version %d to %d\n", *schema, res.From, res.To)
	}
	fmt.Fprintf(stdout, "role %s holds the clerks' rights; add clerks with: icpdesk-cli team add-clerk <url> <name>\n", pgstore.ClerkRole(*schema))
	return 0
}

func runTeamAddClerk(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("team add-clerk", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	schema := fs.String("schema", pgstore.DefaultSchema, "schema holding the workspace")
	fromStdin := fs.Bool("password-stdin", false, "read the clerk's password from the first line of standard input")
	pos, err := parseInterspersed(fs, args)
	if err != nil || len(pos) != 2 {
		fmt.Fprintln(stderr, "icpdesk-cli team add-clerk: usage: team add-clerk <postgres-url> <name> [--password-stdin] [--schema S]")
		return 2
	}
	password := ""
	if *fromStdin {
		line, err := bufio.NewReader(os.Stdin).ReadString('\n')
		if err != nil && err != io.EOF {
			fmt.Fprintln(stderr, "icpdesk-cli team add-clerk: reading the password:", err)
			return 2
		}
		if password = strings.TrimRight(line, "\r\n"); password == "" {
			fmt.Fprintln(stderr, "icpdesk-cli team add-clerk: empty password on standard input")
			return 2
		}
	}
	created, err := pgstore.AddClerk(context.Background(), pos[0], pgstore.Options{Schema: *schema}, pos[1], password)
	if err != nil {
		fmt.Fprintln(stderr, "icpdesk-cli team add-clerk:", errLine(err))
		return 1
	}
	if created {
		fmt.Fprintf(stdout, "clerk %s created, member of %s\n", pos[1], pgstore.ClerkRole(*schema))
	} else {
		fmt.Fprintf(stdout, "role %s exists; now a member of %s\n", pos[1], pgstore.ClerkRole(*schema))
	}
	if password == "" {
		fmt.Fprintln(stdout, "no password set: the server's pg_hba.conf must let this role in another way (certificate, peer), or set one with --password-stdin")
	}
	return 0
}

// osClerk is who works in a local workspace: the operating system's user.
func osClerk() string {
	if u, err := user.Current(); err == nil {
		return u.Username
	}
	return ""
}

// openWorkspace opens a workspace file or a team workspace.
func openWorkspace(addr, schema string, mustExist bool) (backend.Workspace, error) {
	if isTeamAddress(addr) {
		return pgstore.Open(context.Background(), addr, pgstore.Options{Schema: schema})
	}
	s, err := store.Open(addr, store.Options{MustExist: mustExist, Clerk: osClerk()})
	if err != nil && s != nil { // a newer workspace opens read-only: refuse here
		s.Close()
	}
	return s, err
}

// runTeamCopy copies clients with everything they own from one workspace to
// another (local file → team workspace, or back). Copies are new records in
// the destination; a client whose name the destination already has is
// skipped unless --again. --dry-run says what would be copied and writes
// nothing.
func runTeamCopy(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("team copy", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	schema := fs.String("schema", pgstore.DefaultSchema, "schema of the team workspace(s)")
	only := fs.String("client", "", "copy only this client (name or id)")
	again := fs.Bool("again", false, "copy clients the destination already has by name, as new clients")
	dry := fs.Bool("dry-run", false, "say what would be copied, write nothing")
	pos, err := parseInterspersed(fs, args)
	if err != nil || len(pos) != 2 {
		fmt.Fprintln(stderr, "icpdesk-cli team copy: usage: team copy <from> <to> [--client NAME|ID] [--again] [--dry-run] [--schema S]")
		return 2
	}
	ctx := context.Background()
	src, err := openWorkspace(pos[0], *schema, true)
	if err != nil {
		fmt.Fprintf(stderr, "icpdesk-cli team copy: %s: %s\n", pos[0], errLine(err))
		return 1
	}
	defer src.Close()
	var dst backend.Workspace // nil: a workspace file a dry run does not create
	if _, statErr := os.Stat(pos[1]); !*dry || isTeamAddress(pos[1]) || statErr == nil {
		if dst, err = openWorkspace(pos[1], *schema, false); err != nil {
			fmt.Fprintf(stderr, "icpdesk-cli team copy: %s: %s\n", pos[1], errLine(err))
			return 1
		}
		defer dst.Close()
	}
	items, err := backend.CopyClients(ctx, src, dst, backend.CopyOptions{Client: *only, Again: *again, DryRun: *dry})
	verb := "copied"
	if *dry {
		verb = "would copy"
	}
	copied, skipped, apps := 0, 0, 0
	for _, it := range items {
		if it.Skipped {
			fmt.Fprintf(stdout, "skip  %s: the destination has a client of this name (%d applications); --again copies it as a new client\n", it.Name, it.Existing)
			skipped++
			continue
		}
		fmt.Fprintf(stdout, "%s %s: %d applications with their revisions, photos, checklists and timeline (%d bytes)\n", verb, it.Name, it.Applications, it.Bytes)
		copied++
		apps += it.Applications
	}
	if err != nil {
		fmt.Fprintf(stderr, "icpdesk-cli team copy: %s (clients copied before the failure stay)\n", errLine(err))
		return 1
	}
	fmt.Fprintf(stdout, "%s %d clients (%d applications), skipped %d; the trash is not copied\n", verb, copied, apps, skipped)
	return 0
}
