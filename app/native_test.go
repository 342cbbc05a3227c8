package app

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// Every title and file-type name the system shows comes from
// native_messages.json in the language set, never from a string in the code
// (which would stay in one language, or show two at once). Language-neutral
// names ("PDF (*.pdf)", the product name "ICP Desk") are the exceptions.
func TestNativeTextsComeFromTheMessages(t *testing.T) {
	neutral := map[string]bool{"ICP Desk": true, "PDF (*.pdf)": true, "ZIP (*.zip)": true, "iCalendar (*.ics)": true}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	checked := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			kv, ok := n.(*ast.KeyValueExpr)
			if !ok {
				return true
			}
			key, ok := kv.Key.(*ast.Ident)
			if !ok || (key.Name != "Title" && key.Name != "DisplayName" && key.Name != "Message") {
				return true
			}
			checked++
			lit, ok := kv.Value.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, _ := strconv.Unquote(lit.Value)
			if !neutral[s] || strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
				t.Errorf("%s: %s %q is written in the code: put it in native_messages.json", fset.Position(lit.Pos()), key.Name, s)
			}
			return true
		})
	}
	if checked < 10 {
		t.Fatalf("found only %d titles: the test no longer sees the dialogs", checked)
	}
}

// The texts added for the calendar dialog and an imported application's
// client exist in both languages and differ between them.
func TestNativeTextsForCalendarAndImport(t *testing.T) {
	zh, err := nativeMessages("zh-CN")
	if err != nil {
		t.Fatal(err)
	}
	en, err := nativeMessages("en")
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{textExportCalendar, textImportedClient} {
		if zh.Dialogs[k] == "" || en.Dialogs[k] == "" || zh.Dialogs[k] == en.Dialogs[k] {
			t.Errorf("%s: zh %q, en %q", k, zh.Dialogs[k], en.Dialogs[k])
		}
	}
}
