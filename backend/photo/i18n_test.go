package photo

import (
	"encoding/json"
	"os"
	"testing"
)

// Every rule id and import error code has a zh-CN and an en message.
func TestMessagesForEveryRule(t *testing.T) {
	ids := append([]string{"photo.empty"}, AllRules...)
	for f := range rejected {
		ids = append(ids, "photo."+f)
	}
	for _, lang := range []string{"zh-CN", "en"} {
		b, err := os.ReadFile("../../frontend/src/i18n/photo." + lang + ".json")
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		for _, id := range ids {
			if m[id] == "" {
				t.Errorf("%s: no message for %s", lang, id)
			}
		}
	}
}
