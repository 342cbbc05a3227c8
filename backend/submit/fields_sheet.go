package submit

import (
	"bytes"
	_ "embed"
	"html/template"
	"strings"
	"time"

	"icpdesk/backend"
)

// fieldsPage is the printable fields.html: one table per console section,
// each value selectable with one click (user-select: all) for copying.
//
//go:embed fields.html.tmpl
var fieldsPage string

var fieldsTemplate = template.Must(template.New("fields.html").Parse(fieldsPage))

// fieldsSection is one console section of the fields sheet.
type fieldsSection struct {
	Name   string
	Fields []ConsoleField
}

func header(app backend.Application, created time.Time) (string, string) {
	title := "ICP备案提交资料"
	if n := strings.TrimSpace(app.Entity.Name); n != "" {
		title += " — " + n
	}
	return title, "生成时间：" + created.In(backend.Shanghai).Format("2006-01-02 15:04") + "（北京时间）"
}

// sections groups the fields by consecutive section, in console order.
func sections(fields []ConsoleField) []fieldsSection {
	var out []fieldsSection
	for _, f := range fields {
		if len(out) == 0 || out[len(out)-1].Name != f.Section {
			out = append(out, fieldsSection{Name: f.Section})
		}
		out[len(out)-1].Fields = append(out[len(out)-1].Fields, f)
	}
	return out
}

// FieldsText renders the console fields as plain text, one "标签：值" a line.
func FieldsText(fields []ConsoleField, app backend.Application, created time.Time) []byte {
	var b strings.Builder
	title, when := header(app, created)
	b.WriteString(title + "\r\n" + when + "\r\n")
	for _, s := range sections(fields) {
		b.WriteString("\r\n【" + s.Name + "】\r\n")
		for _, f := range s.Fields {
			v := strings.ReplaceAll(strings.ReplaceAll(f.Value, "\r\n", "\n"), "\n", "\r\n    ")
			b.WriteString(f.Label + "：" + v + "\r\n")
		}
	}
	// A BOM and CRLF so Notepad on older Windows shows Chinese and line breaks.
	return append([]byte("\ufeff"), b.String()...)
}

// FieldsHTML renders the console fields as a printable page (fields.html.tmpl,
// html/template escaping every value).
func FieldsHTML(fields []ConsoleField, app backend.Application, created time.Time) []byte {
	title, when := header(app, created)
	var b bytes.Buffer
	err := fieldsTemplate.Execute(&b, struct {
		Title, When string
		Sections    []fieldsSection
	}{title, when, sections(fields)})
	if err != nil {
		// Only strings go in, so executing cannot fail but for a broken
		// template, which the package tests catch.
		panic(err)
	}
	return b.Bytes()
}
