package backend

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestConfirmationKeyTellsFindingsApart(t *testing.T) {
	holder := Finding{Rule: "confirm.domain_holder", Field: "websites", Params: map[string]any{"entity": "云帆"}}
	doc1 := Finding{Rule: "province.document", Params: map[string]any{"key": "gd_commitment"}}
	doc2 := Finding{Rule: "province.document", Params: map[string]any{"key": "gd_plan"}}
	keys := map[string]bool{}
	for _, f := range []Finding{holder, {Rule: "confirm.domain_holder", Field: "entity"}, doc1, doc2} {
		keys[ConfirmationKey(f)] = true
	}
	if len(keys) != 4 {
		t.Fatalf("keys collide: %v", keys)
	}
	// The entity name is a message parameter, not part of what is checked.
	renamed := holder
	renamed.Params = map[string]any{"entity": "云帆科技有限公司"}
	if ConfirmationKey(renamed) != ConfirmationKey(holder) {
		t.Fatal("a message parameter changed the key")
	}
}

func TestConfirmUnconfirmRoundTrip(t *testing.T) {
	a := NewApplication()
	f := Finding{Rule: "confirm.server", Field: "websites", Severity: Info}
	other := Finding{Rule: "confirm.open_order", Severity: Info}
	at := time.Date(2026, 11, 30, 10, 0, 0, 0, Shanghai)
	a.Confirm(f, at)
	a.Confirm(f, at.Add(time.Hour)) // again: the first time stays
	if got, ok := a.Confirmed(f); !ok || !got.Equal(at) {
		t.Fatalf("confirmed %v %v", got, ok)
	}
	if _, ok := a.Confirmed(other); ok {
		t.Fatal("an unconfirmed finding reads as confirmed")
	}
	marked := a.MarkConfirmed([]Finding{f, other})
	if marked[0].ConfirmedAt == nil || marked[1].ConfirmedAt != nil {
		t.Fatalf("marked %+v", marked)
	}
	if p := Pending(marked); len(p) != 1 || p[0].Rule != other.Rule {
		t.Fatalf("pending %+v", p)
	}

	// It travels in the document and decodes strictly.
	raw, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	back, err := DecodeApplication(raw)
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := back.Confirmed(f); !ok || !got.Equal(at) {
		t.Fatalf("after a round trip: %v %v", got, ok)
	}

	back.Unconfirm(f)
	if _, ok := back.Confirmed(f); ok || back.Confirmations != nil {
		t.Fatalf("undo left %v", back.Confirmations)
	}
	// An empty map is not written at all (old documents stay byte-identical).
	raw, _ = json.Marshal(back)
	if strings.Contains(string(raw), "confirmations") {
		t.Fatalf("empty confirmations written: %s", raw)
	}
}

func TestConfirmationsAreNotFiledData(t *testing.T) {
	a := NewApplication()
	a.Entity.Name = "云帆科技"
	b := a
	b.Confirm(Finding{Rule: "confirm.server", Field: "websites"}, time.Now())
	changes, err := DiffApplications(a, b)
	if err != nil {
		t.Fatal(err)
	}
	if len(changes) != 0 {
		t.Fatalf("a confirmation shows as a change: %+v", changes)
	}
	if b.FiledData().Confirmations != nil || b.Confirmations == nil {
		t.Fatal("FiledData must drop confirmations from a copy only")
	}
	b.Entity.Name = "云帆"
	if changes, _ := DiffApplications(a, b); len(changes) != 1 || changes[0].Path != "entity.name" {
		t.Fatalf("a real edit: %+v", changes)
	}
}
