package backend

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"time"
)

// DraftChange is one field a save changed: the Rev it produced, the patch
// path, and who and when. Workspaces keep them so that a clerk's save started
// from an older Rev can be merged with what others saved meanwhile.
type DraftChange struct {
	Rev   int64     `json:"rev"`
	Path  string    `json:"path"`
	Clerk string    `json:"clerk"`
	At    time.Time `json:"at"`
}

// DraftConflict is a field the clerk changed that another clerk changed too
// after the clerk's base: Mine is the clerk's value (null for a removal),
// Theirs the value now stored (null where there is none), Clerk and At who
// made that change and when. The clerk keeps theirs (nothing to do) or saves
// mine again from the record's current Rev.
type DraftConflict struct {
	Path   string          `json:"path"`
	Mine   json.RawMessage `json:"mine"`
	Theirs json.RawMessage `json:"theirs"`
	Clerk  string          `json:"clerk"`
	At     time.Time       `json:"at"`
}

// DraftResult is the application after SaveDraftFrom and the patches it did
// not apply because another clerk changed the same field.
type DraftResult struct {
	Record    ApplicationRecord `json:"record"`
	Conflicts []DraftConflict   `json:"conflicts"`
}

// PathsOverlap says whether two patch paths touch the same data: equal, or
// one inside the other ("" is the whole document).
func PathsOverlap(a, b string) bool {
	if a == "" || b == "" || a == b {
		return true
	}
	return strings.HasPrefix(a, b+".") || strings.HasPrefix(b, a+".")
}

// MergeDraft splits a clerk's patches into those to apply and those that
// conflict with later changes by other clerks (changes by the same clerk
// never conflict: one clerk's saves arrive in order). doc is the stored
// document, used to leave out patches whose value is already there and to
// report the stored value of a conflict.
func MergeDraft(doc []byte, patches []DraftPatch, later []DraftChange, clerk string) ([]DraftPatch, []DraftConflict) {
	apply := []DraftPatch{}
	conflicts := []DraftConflict{}
	for _, p := range patches {
		var theirs *DraftChange
		for i := range later {
			c := &later[i]
			if c.Clerk != clerk && PathsOverlap(p.Path, c.Path) && (theirs == nil || c.Rev > theirs.Rev) {
				theirs = c
			}
		}
		if theirs == nil {
			apply = append(apply, p)
			continue
		}
		stored := ValueAt(doc, p.Path)
		mine := json.RawMessage("null")
		if !p.Delete {
			mine = p.Value
		}
		if sameJSON(stored, mine) {
			continue // both clerks typed the same: nothing to resolve
		}
		conflicts = append(conflicts, DraftConflict{Path: p.Path, Mine: mine, Theirs: stored, Clerk: theirs.Clerk, At: theirs.At})
	}
	return apply, conflicts
}

// ValueAt returns the JSON value at a patch path in doc, or null when there
// is none.
func ValueAt(doc []byte, path string) json.RawMessage {
	var node any
	if err := decodeNumbers(doc, &node); err != nil {
		return json.RawMessage("null")
	}
	segs, err := splitPath(path)
	if err != nil {
		return json.RawMessage("null")
	}
	for _, seg := range segs {
		switch x := node.(type) {
		case map[string]any:
			node = x[seg]
		case []any:
			i, err := strconv.Atoi(seg)
			if err != nil || i < 0 || i >= len(x) {
				return json.RawMessage("null")
			}
			node = x[i]
		default:
			return json.RawMessage("null")
		}
	}
	raw, err := json.Marshal(node)
	if err != nil {
		return json.RawMessage("null")
	}
	return raw
}

func sameJSON(a, b json.RawMessage) bool {
	var x, y any
	if decodeNumbers(a, &x) != nil || decodeNumbers(b, &y) != nil {
		return bytes.Equal(a, b)
	}
	ra, _ := json.Marshal(x)
	rb, _ := json.Marshal(y)
	return bytes.Equal(ra, rb)
}

// DraftPaths returns the paths of patches, for recording DraftChanges.
func DraftPaths(patches []DraftPatch) []string {
	paths := make([]string, 0, len(patches))
	seen := map[string]bool{}
	for _, p := range patches {
		if !seen[p.Path] {
			seen[p.Path] = true
			paths = append(paths, p.Path)
		}
	}
	return paths
}
