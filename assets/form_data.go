package assets

import (
	"encoding/json"
	"fmt"
	"slices"
	"sync"
)

// FormOrder is data/form_order.json: the wizard's fields top to bottom.
type FormOrder struct {
	Top      []string            `json:"top"`
	Sections map[string][]string `json:"sections"`
}

var (
	formOrderOnce sync.Once
	formOrder     *FormOrder
	formOrderErr  error
)

// Order returns the form's field order, parsed once.
func Order() (*FormOrder, error) {
	formOrderOnce.Do(func() {
		b, err := files.ReadFile("data/form_order.json")
		if err == nil {
			formOrder, err = parseFormOrder(b)
		}
		if err != nil {
			formOrderErr = fmt.Errorf("assets: data/form_order.json: %w", err)
		}
	})
	return formOrder, formOrderErr
}

// MustOrder is Order for callers that cannot run without the embedded table
// (loaded and checked at start-up by Load).
func MustOrder() *FormOrder {
	o, err := Order()
	if err != nil {
		panic(err)
	}
	return o
}

func parseFormOrder(b []byte) (*FormOrder, error) {
	var o FormOrder
	if err := json.Unmarshal(b, &o); err != nil {
		return nil, err
	}
	if len(o.Top) == 0 || !slices.Contains(o.Top, "") {
		return nil, fmt.Errorf(`top needs the fields and "" (the application as a whole)`)
	}
	lists := map[string][]string{"top": o.Top}
	for name, l := range o.Sections {
		lists[name] = l
	}
	for name, l := range lists {
		seen := map[string]bool{}
		for _, f := range l {
			if seen[f] {
				return nil, fmt.Errorf("%s: %q twice", name, f)
			}
			seen[f] = true
		}
	}
	for _, s := range o.Top {
		if _, ok := o.Sections[s]; s != "" && s != "type" && !ok {
			return nil, fmt.Errorf("top: %q has no section", s)
		}
	}
	return &o, nil
}
