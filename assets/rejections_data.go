package assets

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sync"
)

// RejectionReason is one common rejection reason (rejections.md) with the
// application fields it concerns ("websites.*" means every website).
type RejectionReason struct {
	ID     string   `json:"id"`
	N      int      `json:"n"` // row in rejections.md, 0 for "other"
	Zh     string   `json:"zh"`
	En     string   `json:"en"`
	Fields []string `json:"fields"`
}

var (
	rejectionsOnce sync.Once
	rejections     []RejectionReason
	rejectionsErr  error
	rejectionID    = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	rejectionField = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9_]*(\.([a-zA-Z0-9_]+|\*))*$`)
)

// Rejections returns the rejection reasons in rejections.md order, parsed once.
func Rejections() ([]RejectionReason, error) {
	rejectionsOnce.Do(func() {
		b, err := files.ReadFile("data/rejections.json")
		if err == nil {
			rejections, err = parseRejections(b)
		}
		if err != nil {
			rejectionsErr = fmt.Errorf("assets: data/rejections.json: %w", err)
		}
	})
	return rejections, rejectionsErr
}

func parseRejections(b []byte) ([]RejectionReason, error) {
	var doc struct {
		Reasons []RejectionReason `json:"reasons"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, err
	}
	if len(doc.Reasons) == 0 {
		return nil, fmt.Errorf("no reasons")
	}
	seen := map[string]bool{}
	for _, r := range doc.Reasons {
		if !rejectionID.MatchString(r.ID) || seen[r.ID] {
			return nil, fmt.Errorf("bad or duplicate id %q", r.ID)
		}
		seen[r.ID] = true
		if r.Zh == "" || r.En == "" {
			return nil, fmt.Errorf("%s: zh and en are required", r.ID)
		}
		for _, f := range r.Fields {
			if !rejectionField.MatchString(f) {
				return nil, fmt.Errorf("%s: bad field path %q", r.ID, f)
			}
		}
	}
	return doc.Reasons, nil
}

// RejectionByID returns the reason with the given id.
func RejectionByID(id string) (RejectionReason, bool) {
	rs, err := Rejections()
	if err != nil {
		panic(err) // after Load at start-up: a build defect, not "unknown reason"
	}
	for _, r := range rs {
		if r.ID == id {
			return r, true
		}
	}
	return RejectionReason{}, false
}
