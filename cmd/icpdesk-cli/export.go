package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"icpdesk/backend"
	"icpdesk/backend/checklist"
	"icpdesk/backend/rules"
	"icpdesk/backend/submit"
)

// exportKinds are the "export <kind>" subcommands besides "export photo"
// (photo.go dispatches to them), so each file registers its own kind.
var exportKinds = map[string]command{
	"package": {usage: "export package [--force] [--today YYYY-MM-DD] [--app-version V] <application.json> <out.zip|out-dir>", run: runExportPackage},
}

func exportUsage() string {
	var b strings.Builder
	for _, k := range exportKinds {
		b.WriteString("\n  " + k.usage)
	}
	return b.String()
}

func init() {
	commands["footer"] = command{
		usage: "footer <icp-number> [--psb N] [--entity NAME] [--year YYYY] [--province KEY]   (HTML on stdout, findings as JSON lines on stderr)",
		run:   runFooter,
	}
}

// cliVersion is written into package manifests made by the CLI.
func cliVersion() string { return "icpdesk-cli " + backend.Version }

// parseInterspersed parses flags that may follow the positional arguments.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// runExportPackage writes the submission package of an application JSON:
// the console fields, freshly drawn checklists and a manifest; a bare JSON
// has no photos, which the manifest says. Like the app's readiness gate, an
// application with a blocking finding (rules or checklists) is refused: exit
// 1, nothing written, the reasons on stderr, one a line; --force writes the
// package anyway. Findings go to stdout as JSON lines.
func runExportPackage(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("export package", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	version := fs.String("app-version", cliVersion(), "version written into the manifest")
	force := fs.Bool("force", false, "write the package even when a finding blocks")
	today := todayFlag(fs)
	pos, err := parseInterspersed(fs, args)
	if err != nil || len(pos) != 2 {
		fmt.Fprintln(stderr, "icpdesk-cli export package: usage: export package [--force] [--today YYYY-MM-DD] [--app-version V] <application.json> <out.zip|out-dir>")
		return 2
	}
	clock, err := today()
	if err != nil {
		fmt.Fprintf(stderr, "icpdesk-cli export package: %v\n", err)
		return 2
	}
	app, err := readApplication(pos[0])
	if err != nil {
		fmt.Fprintf(stderr, "icpdesk-cli export package: %s: %v\n", pos[0], err)
		return 2
	}
	if len(app.Websites) == 0 {
		fmt.Fprintf(stderr, "icpdesk-cli export package: %s: the application has no website\n", pos[0])
		return 2
	}
	files, err := checklist.GenerateAll(app, checklist.Options{Clock: clock})
	if err != nil {
		fmt.Fprintf(stderr, "icpdesk-cli export package: checklist: %v\n", err)
		return 2
	}
	findings := rules.Check(app, clock)
	in := submit.PackageInput{App: app, PhotosMissing: submit.PhotosNotInJSON, AppVersion: *version, Created: clock.Now()}
	for i, f := range files {
		in.Checklists = append(in.Checklists, submit.PackageFile{Name: backend.ChecklistFileName(app.Websites[i]), Data: f.PDF})
		findings = append(findings, f.Findings...)
	}
	if backend.Blocking(findings) && !*force {
		printFindings(stdout, findings)
		blocking := blockingOf(findings)
		fmt.Fprintf(stderr, "icpdesk-cli export package: %s: not exported: %d blocking problem(s) would get the filing rejected (fix them, or pass --force):\n", pos[0], len(blocking))
		for _, f := range blocking {
			fmt.Fprintf(stderr, "  %s\n", describeFinding(f))
		}
		return 1
	}
	m, err := submit.ExportPackage(context.Background(), pos[1], in)
	if err != nil {
		fmt.Fprintf(stderr, "icpdesk-cli export package: %s: %v\n", pos[1], err)
		return 2
	}
	code := printFindings(stdout, findings)
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(map[string]any{"package": pos[1], "files": len(m.Files), "photos": m.Photos, "photosMissing": m.PhotosMissing})
	return code
}

func blockingOf(fs []backend.Finding) []backend.Finding {
	var out []backend.Finding
	for _, f := range fs {
		if f.Severity == backend.Block {
			out = append(out, f)
		}
	}
	return out
}

// describeFinding is one readable line: where, what (the rule's description
// when the rules engine knows it) and the rule id for scripts and searches.
func describeFinding(f backend.Finding) string {
	what := f.Rule
	if r, ok := rules.Lookup(f.Rule); ok && r.Description != "" {
		what = r.Description + " [" + f.Rule + "]"
	}
	where := f.Field
	if where == "" {
		where = "application"
	}
	return where + ": " + what + formatParams(f.Params)
}

// runFooter prints the footer HTML for an ICP number (the website number,
// or the entity number in Guangdong); exit 1 when a finding blocks.
func runFooter(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("footer", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	psb := fs.String("psb", "", "PSB filing number, e.g. \"京公网安备 11010802020877号\"")
	entity := fs.String("entity", "", "entity name for the copyright line")
	year := fs.Int("year", time.Now().In(backend.Shanghai).Year(), "copyright year (0: none)")
	province := fs.String("province", "", "province key; guangdong shows the entity number")
	pos, err := parseInterspersed(fs, args)
	if err != nil || len(pos) != 1 || strings.TrimSpace(pos[0]) == "" {
		fmt.Fprintln(stderr, "icpdesk-cli footer: usage: footer <icp-number> [--psb N] [--entity NAME] [--year YYYY] [--province KEY]")
		return 2
	}
	in := submit.FooterInput{ICPNumber: submit.EntityNumberOf(pos[0]), EntityName: *entity, Year: *year, PSBNumber: *psb, Province: *province,
		Validate: func(kind, v string) []backend.Finding { return rules.CheckID(kind, v, backend.SystemClock{}) }}
	if submit.EntityNumberOf(pos[0]) != strings.Join(strings.Fields(pos[0]), "") {
		in.WebsiteNumber = pos[0]
	}
	html, findings := submit.Footer(in)
	fmt.Fprint(stdout, html)
	return printFindings(stderr, findings)
}
