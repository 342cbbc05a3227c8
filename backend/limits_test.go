package backend

import (
	"strings"
	"testing"
)

func TestDocLimits(t *testing.T) {
	ok := NewApplication()
	ok.Entity.Name = strings.Repeat("名", DefaultDocLimits.TextRunes)
	if err := DefaultDocLimits.Check(&ok); err != nil {
		t.Fatalf("at the limit: %v", err)
	}
	cases := []struct {
		name  string
		edit  func(a *Application)
		field string
	}{
		{"long name", func(a *Application) { a.Entity.Name = strings.Repeat("名", DefaultDocLimits.TextRunes+1) }, "entity.name"},
		{"long person field", func(a *Application) { a.Websites[0].Person.Email = strings.Repeat("a", 1<<20) }, "websites.0.person.email"},
		{"too many websites", func(a *Application) { a.Websites = make([]Website, DefaultDocLimits.Websites+1) }, "websites"},
		{"too many domains", func(a *Application) { a.Websites[0].Domains = make([]string, DefaultDocLimits.DomainsPerWebsite+1) }, "websites.0.domains"},
		{"too many languages", func(a *Application) { a.Websites[0].Languages = make([]string, DefaultDocLimits.ListItems+1) }, "websites.0.languages"},
		{"long answer", func(a *Application) { a.Answers.ExistingICPNumber = strings.Repeat("京", 2000) }, "answers.existingIcpNumber"},
	}
	for _, c := range cases {
		a := NewApplication()
		c.edit(&a)
		err := DefaultDocLimits.Check(&a)
		if e := AsError(err); err == nil || e.Code != ECodeTooLarge || e.Field != c.field {
			t.Errorf("%s: err = %v, want too_large on %s", c.name, err, c.field)
		}
	}
	if err := DefaultDocLimits.CheckBlob("pdf", int(DefaultDocLimits.BlobBytes)+1); ErrorCode(err) != ECodeTooLarge {
		t.Errorf("blob over the cap: %v", err)
	}
}

// A draft patch that makes a field absurdly long is refused; nothing applied.
func TestApplyDraftPatchesRefusesOversizedText(t *testing.T) {
	v := `"` + strings.Repeat("字", DefaultDocLimits.TextRunes+1) + `"`
	_, _, err := ApplyDraftPatches(mustDoc(t), []DraftPatch{{Path: "entity.name", Value: []byte(v)}})
	if e := AsError(err); e == nil || e.Code != ECodeTooLarge || e.Field != "entity.name" {
		t.Fatalf("err = %v", err)
	}
}
