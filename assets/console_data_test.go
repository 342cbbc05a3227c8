package assets

import (
	"strings"
	"testing"
)

func TestConsoleData(t *testing.T) {
	d, err := Console()
	if err != nil {
		t.Fatal(err)
	}
	for _, typ := range []string{"first", "add_website_tencent", "add_website_other", "transfer", "transfer_tencent", "change", "change_website"} {
		if _, ok := d.Types[typ]; !ok {
			t.Errorf("no console layout for %s", typ)
		}
	}
	for key, src := range d.Sources {
		if key != "form" && !strings.Contains(src, "网站备案/快速备案/") && !strings.Contains(src, "网站备案/常见问题/") {
			t.Errorf("source %s is not one of Tencent's 快速备案 guides or FAQs: %s", key, src)
		}
	}
}

func TestParseConsoleRejects(t *testing.T) {
	ok := `"sources":{"g":"guide"},"types":{"first":{"source":"g","sections":["s"]}},"defaultType":"first"`
	for name, doc := range map[string]string{
		"no default":     `{"sources":{"g":"x"},"types":{},"defaultType":"first","sections":[]}`,
		"unknown source": `{` + ok + `,"sections":[{"key":"s","title":"T","fields":[{"label":"a","value":"v","source":"nope"}]}]}`,
		"unknown type":   `{` + ok + `,"sections":[{"key":"s","title":"T","fields":[{"label":"a","value":"v","source":"g","types":["nope"]}]}]}`,
		"bad for":        `{` + ok + `,"sections":[{"key":"s","title":"T","fields":[{"label":"a","value":"v","source":"g","for":"company"}]}]}`,
		"no label":       `{` + ok + `,"sections":[{"key":"s","title":"T","fields":[{"value":"v","source":"g"}]}]}`,
		"unknown section": `{"sources":{"g":"x"},"types":{"first":{"source":"g","sections":["other"]}},"defaultType":"first",` +
			`"sections":[{"key":"s","title":"T","fields":[{"label":"a","value":"v","source":"g"}]}]}`,
	} {
		if _, err := parseConsole([]byte(doc)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
