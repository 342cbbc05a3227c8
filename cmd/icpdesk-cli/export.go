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
	"package": {usage: "export package [--app-version V] <application.json> <out.zip|out-dir>", run: runExportPackage},
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
// has no photos, which the manifest says. Findings of the rules and the
// checklists go to stdout as JSON lines; exit 1 when one blocks.
func runExportPackage(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("export package", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	version := fs.String("app-version", cliVersion(), "version written into the manifest")
	pos, err := parseInterspersed(fs, args)
	if err != nil || len(pos) != 2 {
		fmt.Fprintln(stderr, "icpdesk-cli export package: usage: export package [--app-version V] <application.json> <out.zip|out-dir>")
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
	files, err := checklist.GenerateAll(app, checklist.Options{})
	if err != nil {
		fmt.Fprintf(stderr, "icpdesk-cli export package: checklist: %v\n", err)
		return 2
	}
	findings := rules.Check(app, backend.SystemClock{})
	in := submit.PackageInput{App: app, PhotosMissing: submit.PhotosNotInJSON, AppVersion: *version, Created: time.Now()}
	for i, f := range files {
		in.Checklists = append(in.Checklists, submit.PackageFile{Name: backend.ChecklistFileName(app.Websites[i]), Data: f.PDF})
		findings = append(findings, f.Findings...)
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
