package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"icpdesk/backend"
	"icpdesk/backend/checklist"
)

func init() {
	commands["checklist"] = command{
		usage: "checklist [--draft] <application.json> <out-dir> | checklist --blank <variant> <out-dir>   (variants: standard, guangdong_org, guangdong_individual)",
		run:   runChecklist,
	}
}

// runChecklist writes one checklist PDF per website (or a blank form) into
// out-dir and prints the findings; exit 1 when a finding blocks.
func runChecklist(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("checklist", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	draft := fs.Bool("draft", false, "watermark the PDFs as drafts")
	blank := fs.String("blank", "", "write a blank form of this variant")
	if err := fs.Parse(args); err != nil {
		fmt.Fprintf(stderr, "icpdesk-cli checklist: %v\n", err)
		return 2
	}
	rest := fs.Args()
	if *blank != "" {
		if len(rest) != 1 {
			fmt.Fprintln(stderr, "icpdesk-cli checklist: usage: checklist --blank <variant> <out-dir>")
			return 2
		}
		v, err := checklist.ParseVariant(*blank)
		if err != nil {
			fmt.Fprintf(stderr, "icpdesk-cli checklist: unknown variant %q (standard, guangdong_org, guangdong_individual)\n", *blank)
			return 2
		}
		pdf, err := checklist.Blank(v)
		if err != nil {
			fmt.Fprintf(stderr, "icpdesk-cli checklist: %v\n", err)
			return 2
		}
		out := filepath.Join(rest[0], checklist.BlankFileName(v)) // the name the app saves it under (checklist.json)
		if err := writeFile(out, pdf); err != nil {
			fmt.Fprintf(stderr, "icpdesk-cli checklist: %v\n", err)
			return 2
		}
		fmt.Fprintln(stdout, out)
		return 0
	}
	if len(rest) != 2 {
		fmt.Fprintln(stderr, "icpdesk-cli checklist: usage: checklist [--draft] <application.json> <out-dir>")
		return 2
	}
	app, err := readApplication(rest[0])
	if err != nil {
		fmt.Fprintf(stderr, "icpdesk-cli checklist: %s: %v\n", rest[0], err)
		return 2
	}
	if len(app.Websites) == 0 {
		fmt.Fprintf(stderr, "icpdesk-cli checklist: %s: the application has no website\n", rest[0])
		return 2
	}
	files, err := checklist.GenerateAll(app, checklist.Options{Draft: *draft})
	if err != nil {
		fmt.Fprintf(stderr, "icpdesk-cli checklist: %v\n", err)
		return 2
	}
	used := backend.FileNames{} // two websites with the same first domain get _2
	var all []backend.Finding
	for _, f := range files {
		out := filepath.Join(rest[1], used.Take(f.Name))
		if err := writeFile(out, f.PDF); err != nil {
			fmt.Fprintf(stderr, "icpdesk-cli checklist: %v\n", err)
			return 2
		}
		fmt.Fprintln(stdout, out)
		for _, x := range f.Findings {
			fmt.Fprintf(stdout, "  %-5s %s %s%s\n", x.Severity, x.Rule, x.Field, formatParams(x.Params))
		}
		all = append(all, f.Findings...)
	}
	if stmt := checklist.HandCopiedStatement(checklist.VariantFor(app)); stmt != "" {
		fmt.Fprintf(stdout, "hand-copy below the signature (handwritten, never printed):\n  %s\n", stmt)
	}
	if backend.Blocking(all) {
		return 1
	}
	return 0
}

// writeFile writes an export: checklists and photos hold personal data, so
// folders it makes are 0700 and files 0600 (on POSIX), like the app's exports.
func writeFile(path string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if err := f.Chmod(0o600); err != nil { // an existing file keeps its mode otherwise
		f.Close()
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func formatParams(p map[string]any) string {
	if len(p) == 0 {
		return ""
	}
	keys := make([]string, 0, len(p))
	for k := range p {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var sb strings.Builder
	for _, k := range keys {
		v := fmt.Sprint(p[k])
		if r := []rune(v); len(r) > 40 {
			v = string(r[:40]) + "…"
		}
		fmt.Fprintf(&sb, " %s=%s", k, v)
	}
	return sb.String()
}
