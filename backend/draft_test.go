package backend

import (
	"encoding/json"
	"testing"
)

func mustDoc(t *testing.T) []byte {
	t.Helper()
	raw, err := json.Marshal(NewApplication())
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func TestApplyDraftPatches(t *testing.T) {
	tests := []struct {
		name    string
		patches []DraftPatch
		check   func(a Application) bool
		code    string
		field   string
	}{
		{"nested field", []DraftPatch{{Path: "entity.person.mobile", Value: json.RawMessage(`"13800138000"`)}},
			func(a Application) bool { return a.Entity.Person.Mobile == "13800138000" }, "", ""},
		{"several at once", []DraftPatch{
			{Path: "entity.name", Value: json.RawMessage(`"北京某某科技有限公司"`)},
			{Path: "websites.0.domains.0", Value: json.RawMessage(`"example.cn"`)},
			{Path: "websites.0.domains.1", Value: json.RawMessage(`"example.com.cn"`)},
		}, func(a Application) bool {
			return a.Entity.Name == "北京某某科技有限公司" && len(a.Websites[0].Domains) == 2 && a.Websites[0].Domains[1] == "example.com.cn"
		}, "", ""},
		{"append a whole website", []DraftPatch{{Path: "websites.1", Value: json.RawMessage(`{"id":"w2","name":"博客","domains":["b.cn"]}`)}},
			func(a Application) bool {
				return len(a.Websites) == 2 && a.Websites[1].ID == "w2" && a.Websites[1].Domains[0] == "b.cn"
			}, "", ""},
		{"replace a website", []DraftPatch{{Path: "websites.0", Value: json.RawMessage(`{"id":"w1","name":"新"}`)}},
			func(a Application) bool {
				return len(a.Websites) == 1 && a.Websites[0].Name == "新" && a.Websites[0].Domains == nil
			}, "", ""},
		{"delete a website", []DraftPatch{{Path: "websites.0", Delete: true}},
			func(a Application) bool { return len(a.Websites) == 0 }, "", ""},
		{"a website created by a field patch gets its own ID", []DraftPatch{
			{Path: "websites.1.name", Value: json.RawMessage(`"博客"`)},
			{Path: "websites.2", Value: json.RawMessage(`{"id":"","name":"论坛"}`)},
		}, func(a Application) bool {
			return len(a.Websites) == 3 && a.Websites[0].ID == "w1" && a.Websites[1].ID == "w2" && a.Websites[2].ID == "w3"
		}, "", ""},
		{"intermediate objects created", []DraftPatch{{Path: "answers.entityFiled", Value: json.RawMessage(`true`)}},
			func(a Application) bool { return a.Answers.EntityFiled != nil && *a.Answers.EntityFiled }, "", ""},
		{"missing array created at index 0", []DraftPatch{{Path: "websites.0.preApprovals.0", Value: json.RawMessage(`{"kind":"news","number":"1"}`)}},
			func(a Application) bool { return len(a.Websites[0].PreApprovals) == 1 }, "", ""},
		{"index past the end", []DraftPatch{{Path: "websites.2", Value: json.RawMessage(`{}`)}}, nil, ECodeInvalid, "websites.2"},
		{"unknown field", []DraftPatch{{Path: "entity.persn.mobile", Value: json.RawMessage(`"1"`)}}, nil, ECodeInvalid, "entity.persn.mobile"},
		{"wrong type", []DraftPatch{{Path: "entity.name", Value: json.RawMessage(`42`)}}, nil, ECodeInvalid, "entity.name"},
		{"version changed", []DraftPatch{{Path: "version", Value: json.RawMessage(`7`)}}, nil, ECodeInvalid, "version"},
		{"no value", []DraftPatch{{Path: "entity.name"}}, nil, ECodeInvalid, "entity.name"},
		{"bad JSON value", []DraftPatch{{Path: "entity.name", Value: json.RawMessage(`"x`)}}, nil, ECodeInvalid, "entity.name"},
		{"empty segment", []DraftPatch{{Path: "entity..name", Value: json.RawMessage(`"x"`)}}, nil, ECodeInvalid, "entity..name"},
		{"into a string", []DraftPatch{{Path: "entity.name.first", Value: json.RawMessage(`"x"`)}}, nil, ECodeInvalid, "entity.name.first"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := mustDoc(t)
			out, app, err := ApplyDraftPatches(doc, tc.patches)
			if tc.code != "" {
				if ErrorCode(err) != tc.code || AsError(err).Field != tc.field {
					t.Fatalf("err = %v (field %q), want %s at %q", err, AsError(err).Field, tc.code, tc.field)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !tc.check(app) {
				t.Fatalf("unexpected result: %s", out)
			}
			again, _, err := ApplyDraftPatches(out, tc.patches)
			if err != nil || (string(again) != string(out) && tc.name != "delete a website") {
				t.Fatalf("not idempotent:\n%s\n%s", out, again)
			}
		})
	}
}

func TestDiffApplications(t *testing.T) {
	a := NewApplication()
	b := NewApplication()
	b.Entity.Name = "某某公司"
	b.Websites[0].Domains = []string{"a.cn"}
	b.Websites = append(b.Websites, Website{ID: "w2"})
	changes, err := DiffApplications(a, b)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][2]string{}
	for _, c := range changes {
		got[c.Path] = [2]string{string(c.Before), string(c.After)}
	}
	want := map[string][2]string{
		"entity.name":          {`""`, `"某某公司"`},
		"websites.0.domains.0": {`null`, `"a.cn"`},
		"websites.1":           {`null`, ""},
	}
	if len(got) != len(want) {
		t.Fatalf("changes %v", got)
	}
	for p, w := range want {
		g, ok := got[p]
		if !ok || g[0] != w[0] || (w[1] != "" && g[1] != w[1]) {
			t.Errorf("%s: got %v want %v", p, g, w)
		}
	}
	if same, _ := DiffApplications(b, b); len(same) != 0 {
		t.Fatalf("diff of equal documents: %v", same)
	}
}

// The filing flow is an ordinary field: a patch sets it and clears it.
func TestPatchFlow(t *testing.T) {
	doc, a, err := ApplyDraftPatches(mustDoc(t), []DraftPatch{{Path: "flow", Value: json.RawMessage(`"miniprogram"`)}})
	if err != nil || a.Flow != FlowMiniProgram {
		t.Fatalf("%v %q", err, a.Flow)
	}
	if _, a, err = ApplyDraftPatches(doc, []DraftPatch{{Path: "flow", Value: json.RawMessage(`""`)}}); err != nil || a.Flow != FlowConsole {
		t.Fatalf("%v %q", err, a.Flow)
	}
}

func TestEnsureWebsiteIDsRepairsDuplicates(t *testing.T) {
	app := Application{Version: SchemaVersion, Websites: []Website{{ID: "w1", Name: "A"}, {ID: "w1", Name: "B"}, {ID: "", Name: "C"}, {ID: "w2", Name: "D"}, {ID: "w2", Name: "E"}}}
	repairs := EnsureWebsiteIDs(&app)
	seen := map[string]string{}
	for _, w := range app.Websites {
		if other, dup := seen[w.ID]; dup || w.ID == "" {
			t.Fatalf("website %s has id %q (also %s)", w.Name, w.ID, other)
		}
		seen[w.ID] = w.Name
	}
	if app.Websites[0].ID != "w1" || app.Websites[3].ID != "w2" {
		t.Fatalf("the first website with an id must keep it: %+v", app.Websites)
	}
	if len(repairs) != 2 || repairs[0] != (WebsiteIDRepair{Index: 1, From: "w1", To: app.Websites[1].ID}) || repairs[1].Index != 4 || repairs[1].From != "w2" {
		t.Fatalf("repairs = %+v", repairs)
	}
	if i, ok := WebsiteIndex(&app, app.Websites[4].ID); !ok || i != 4 {
		t.Fatalf("WebsiteIndex = %d %v", i, ok)
	}
	dup := Application{Websites: []Website{{ID: "x"}, {ID: "x"}}}
	if i, ok := WebsiteIndex(&dup, "x"); ok || i != -1 {
		t.Fatalf("an ambiguous id must not resolve: %d %v", i, ok)
	}
	if i, ok := WebsiteIndex(&dup, "y"); !ok || i != -1 {
		t.Fatalf("a missing id: %d %v", i, ok)
	}
}

func TestApplyDraftPatchesRepairsDuplicateWebsiteID(t *testing.T) {
	_, app, err := ApplyDraftPatches(mustDoc(t), []DraftPatch{{Path: "websites.1", Value: json.RawMessage(`{"id":"w1","name":"第二个"}`)}})
	if err != nil {
		t.Fatal(err)
	}
	if app.Websites[0].ID == app.Websites[1].ID {
		t.Fatalf("two websites share id %q", app.Websites[0].ID)
	}
}

func TestDiffRevisions(t *testing.T) {
	doc := func(name string) *Application { a := NewApplication(); a.Entity.Name = name; return &a }
	revs := map[int64]Revision{1: {ID: 1, ApplicationID: 7, Doc: doc("甲")}, 2: {ID: 2, ApplicationID: 7, Doc: doc("乙")}, 3: {ID: 3, ApplicationID: 8, Doc: doc("丙")}}
	getRev := func(id int64) (Revision, error) {
		r, ok := revs[id]
		if !ok {
			return r, Errorf(ECodeNotFound, "revisionId", nil, "no revision %d", id)
		}
		return r, nil
	}
	var asked []int64
	getApp := func(id int64) (ApplicationRecord, error) {
		asked = append(asked, id)
		return ApplicationRecord{ID: id, Doc: *doc("丁")}, nil
	}
	name := func(cs []FieldChange) string {
		for _, c := range cs {
			if c.Path == "entity.name" {
				return string(c.Before) + "→" + string(c.After)
			}
		}
		return ""
	}
	if cs, err := DiffRevisions(getRev, getApp, 1, 2); err != nil || name(cs) != `"甲"→"乙"` {
		t.Errorf("1→2: %+v, %v", cs, err)
	}
	if cs, err := DiffRevisions(getRev, getApp, 1, 0); err != nil || name(cs) != `"甲"→"丁"` || len(asked) != 1 || asked[0] != 7 {
		t.Errorf("1→draft: %+v, %v (asked %v)", cs, err, asked)
	}
	if _, err := DiffRevisions(getRev, getApp, 1, 3); ErrorCode(err) != ECodeInvalid {
		t.Errorf("revisions of two applications: %v", err)
	}
	if _, err := DiffRevisions(getRev, getApp, 9, 0); ErrorCode(err) != ECodeNotFound {
		t.Errorf("unknown revision: %v", err)
	}
}
