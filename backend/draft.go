package backend

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// ApplyDraftPatches applies patches to an application document (JSON) and
// returns the new document in canonical form with its decoded value. The
// result must still be a valid Application: unknown fields, wrong types and a
// changed schema version are ECodeInvalid with Field set to the patch path;
// a document over DefaultDocLimits is ECodeTooLarge (nothing is applied).
// It holds no storage logic, so every Workspace implementation shares it.
func ApplyDraftPatches(doc []byte, patches []DraftPatch) ([]byte, Application, error) {
	var tree any
	if err := decodeNumbers(doc, &tree); err != nil {
		return nil, Application{}, Wrap(ECodeCorrupt, fmt.Errorf("stored document: %w", err))
	}
	for _, p := range patches {
		segs, err := splitPath(p.Path)
		if err != nil {
			return nil, Application{}, Errorf(ECodeInvalid, p.Path, nil, "%v", err)
		}
		var value any
		if !p.Delete {
			if len(bytes.TrimSpace(p.Value)) == 0 {
				return nil, Application{}, Errorf(ECodeInvalid, p.Path, nil, "patch without a value")
			}
			if err := decodeNumbers(p.Value, &value); err != nil {
				return nil, Application{}, Errorf(ECodeInvalid, p.Path, nil, "value: %v", err)
			}
		}
		if tree, err = patchNode(tree, segs, value, p.Delete); err != nil {
			return nil, Application{}, Errorf(ECodeInvalid, p.Path, nil, "%v", err)
		}
	}
	raw, err := json.Marshal(tree)
	if err != nil {
		return nil, Application{}, Wrap(ECodeInternal, err)
	}
	app, err := DecodeApplication(raw)
	if err == nil {
		err = DefaultDocLimits.Check(&app)
	}
	if err != nil {
		e := AsError(err)
		if e.Field == "" && len(patches) == 1 {
			e.Field = patches[0].Path
		}
		return nil, Application{}, e
	}
	EnsureWebsiteIDs(&app)
	out, err := json.Marshal(app)
	if err != nil {
		return nil, Application{}, Wrap(ECodeInternal, err)
	}
	return out, app, nil
}

// WebsiteIDRepair says that a website whose ID another website already had
// got a fresh one (the first website keeps the ID and what is keyed by it).
type WebsiteIDRepair struct {
	Index int    `json:"index"` // position in Websites
	From  string `json:"from"`
	To    string `json:"to"`
}

// EnsureWebsiteIDs gives every website without an ID, and every website
// whose ID an earlier website already has, the first free "wN": photos,
// checklists and package files are keyed by it, so two websites must never
// share one (a field patch past the end creates a website without one; an
// imported or hand-written file may repeat one). It returns the repaired
// duplicates so an import can tell the clerk; filling an empty ID is silent.
func EnsureWebsiteIDs(app *Application) []WebsiteIDRepair {
	used := make(map[string]bool, len(app.Websites))
	for _, w := range app.Websites {
		used[w.ID] = true
	}
	kept := make(map[string]bool, len(app.Websites))
	var repairs []WebsiteIDRepair
	n := 1
	for i := range app.Websites {
		id := app.Websites[i].ID
		if id != "" && !kept[id] {
			kept[id] = true
			continue
		}
		for used["w"+strconv.Itoa(n)] {
			n++
		}
		fresh := "w" + strconv.Itoa(n)
		used[fresh], kept[fresh] = true, true
		app.Websites[i].ID = fresh
		if id != "" {
			repairs = append(repairs, WebsiteIDRepair{Index: i, From: id, To: fresh})
		}
	}
	return repairs
}

// WebsiteIndex returns the position of the website with the given ID, or -1
// when there is none. An ID two websites share is ambiguous: it returns -1
// with ok false rather than ever picking one of them.
func WebsiteIndex(app *Application, id string) (idx int, ok bool) {
	idx = -1
	for i, w := range app.Websites {
		if w.ID != id {
			continue
		}
		if idx >= 0 {
			return -1, false
		}
		idx = i
	}
	return idx, true
}

// DecodeApplication strictly decodes an application document: unknown fields,
// wrong types and a schema version other than SchemaVersion are ECodeInvalid.
func DecodeApplication(raw []byte) (Application, error) {
	var app Application
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&app); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return Application{}, Errorf(ECodeInvalid, te.Field, nil, "%v", err)
		}
		return Application{}, Errorf(ECodeInvalid, "", nil, "%v", err)
	}
	if dec.More() {
		return Application{}, Errorf(ECodeInvalid, "", nil, "trailing data after document")
	}
	if app.Version != SchemaVersion {
		return Application{}, Errorf(ECodeInvalid, "version", map[string]any{"version": app.Version}, "schema version %d", app.Version)
	}
	return app, nil
}

func decodeNumbers(raw []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber() // keep numbers exactly as written
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("trailing data")
	}
	return nil
}

func splitPath(path string) ([]string, error) {
	if path == "" {
		return nil, nil
	}
	segs := strings.Split(path, ".")
	for _, s := range segs {
		if s == "" {
			return nil, fmt.Errorf("empty segment in path %q", path)
		}
	}
	return segs, nil
}

// arrayIndex parses a path segment used on an array.
func arrayIndex(seg string) (int, bool) {
	i, err := strconv.Atoi(seg)
	return i, err == nil && i >= 0 && strconv.Itoa(i) == seg
}

func patchNode(node any, segs []string, value any, del bool) (any, error) {
	if len(segs) == 0 {
		if del {
			return nil, errors.New("cannot delete the whole document")
		}
		return value, nil
	}
	seg, rest := segs[0], segs[1:]
	switch n := node.(type) {
	case map[string]any:
		if len(rest) == 0 && del {
			delete(n, seg)
			return n, nil
		}
		child, err := patchNode(n[seg], rest, value, del)
		if err != nil {
			return nil, err
		}
		n[seg] = child
		return n, nil
	case []any:
		i, ok := arrayIndex(seg)
		if !ok || i > len(n) {
			return nil, fmt.Errorf("index %q out of range 0..%d", seg, len(n))
		}
		if del {
			if i == len(n) {
				return n, nil // already absent
			}
			if len(rest) == 0 {
				return append(n[:i:i], n[i+1:]...), nil
			}
		}
		if i == len(n) {
			if del {
				return n, nil
			}
			child, err := patchNode(nil, rest, value, false)
			if err != nil {
				return nil, err
			}
			return append(n, child), nil
		}
		child, err := patchNode(n[i], rest, value, del)
		if err != nil {
			return nil, err
		}
		n[i] = child
		return n, nil
	case nil:
		if del {
			return nil, nil // nothing to delete
		}
		if i, ok := arrayIndex(seg); ok {
			if i != 0 {
				return nil, fmt.Errorf("index %d in a missing array", i)
			}
			child, err := patchNode(nil, rest, value, false)
			if err != nil {
				return nil, err
			}
			return []any{child}, nil
		}
		child, err := patchNode(nil, rest, value, false)
		if err != nil {
			return nil, err
		}
		return map[string]any{seg: child}, nil
	default:
		return nil, fmt.Errorf("%q is inside a %T value", seg, node)
	}
}

// DiffRevisions is Workspace.DiffRevisions over a store's own reads (one
// read transaction): revision fromID against revision toID or, when toID is
// 0, against the application's current draft. Both must belong to one
// application (ECodeInvalid otherwise).
func DiffRevisions(getRevision func(id int64) (Revision, error), getApplication func(id int64) (ApplicationRecord, error), fromID, toID int64) ([]FieldChange, error) {
	from, err := getRevision(fromID)
	if err != nil {
		return nil, err
	}
	var to Application
	if toID == 0 {
		r, err := getApplication(from.ApplicationID)
		if err != nil {
			return nil, err
		}
		to = r.Doc
	} else {
		rev, err := getRevision(toID)
		if err != nil {
			return nil, err
		}
		if rev.ApplicationID != from.ApplicationID {
			return nil, Errorf(ECodeInvalid, "revisionId", nil, "revisions %d and %d belong to different applications", fromID, toID)
		}
		to = *rev.Doc
	}
	return DiffApplications(*from.Doc, to)
}

// DiffApplications lists the fields that differ between two documents, by
// JSON path, in path order; arrays are compared index by index. The clerk's
// confirmations are bookkeeping, not filed data, and are not compared.
func DiffApplications(before, after Application) ([]FieldChange, error) {
	var a, b any
	for _, x := range []struct {
		app Application
		dst *any
	}{{before.FiledData(), &a}, {after.FiledData(), &b}} {
		raw, err := json.Marshal(x.app)
		if err != nil {
			return nil, Wrap(ECodeInternal, err)
		}
		if err := decodeNumbers(raw, x.dst); err != nil {
			return nil, Wrap(ECodeInternal, err)
		}
	}
	changes := []FieldChange{}
	diffNode("", a, b, &changes)
	return changes, nil
}

func diffNode(path string, a, b any, out *[]FieldChange) {
	join := func(k string) string {
		if path == "" {
			return k
		}
		return path + "." + k
	}
	switch x := a.(type) {
	case map[string]any:
		if y, ok := b.(map[string]any); ok {
			keys := map[string]bool{}
			for k := range x {
				keys[k] = true
			}
			for k := range y {
				keys[k] = true
			}
			sorted := make([]string, 0, len(keys))
			for k := range keys {
				sorted = append(sorted, k)
			}
			sort.Strings(sorted)
			for _, k := range sorted {
				diffNode(join(k), x[k], y[k], out)
			}
			return
		}
	case []any:
		if y, ok := b.([]any); ok {
			for i := 0; i < max(len(x), len(y)); i++ {
				var ai, bi any
				if i < len(x) {
					ai = x[i]
				}
				if i < len(y) {
					bi = y[i]
				}
				diffNode(join(strconv.Itoa(i)), ai, bi, out)
			}
			return
		}
	}
	ra, _ := json.Marshal(a)
	rb, _ := json.Marshal(b)
	if !bytes.Equal(ra, rb) {
		*out = append(*out, FieldChange{Path: path, Before: ra, After: rb})
	}
}
