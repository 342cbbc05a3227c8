package backend

import (
	"encoding/json"
	"time"
)

// Severity says what a finding does to the application.
type Severity string

const (
	// Block: the application would be rejected; it cannot be marked ready.
	Block Severity = "block"
	// Warn: likely a problem, the clerk decides.
	Warn Severity = "warn"
	// Info: a hint or a task for the clerk (sign, seal, copy a statement).
	Info Severity = "info"
)

// Finding is one result of a check: a stable rule id (which is also the i18n
// key of its message), the field it concerns as a JSON path into the
// Application ("websites.0.domains.1"), its severity and message parameters.
type Finding struct {
	Rule     string         `json:"rule"`
	Field    string         `json:"field"`
	Severity Severity       `json:"severity"`
	Params   map[string]any `json:"params,omitempty"`
	Source   *FindingSource `json:"source,omitempty"`
	// ConfirmedAt is set (by Application.MarkConfirmed, never by a rule) when
	// the clerk confirmed this finding's check.
	ConfirmedAt *time.Time `json:"confirmedAt,omitempty"`
}

// FindingSource says where the rule behind a finding comes from, for the line
// under it ("依据：各省管局要求 · 北京 · 企事业单位第 5 条"): the document (a path in
// Tencent's documentation repositories or an official notice), its short
// title, the section or item, and whether the text was found (only confirmed
// rules block).
type FindingSource struct {
	Doc       string `json:"doc"`
	Title     string `json:"title"`
	Section   string `json:"section"`
	Confirmed bool   `json:"confirmed"`
}

// Blocking reports whether any finding blocks.
func Blocking(fs []Finding) bool {
	for _, f := range fs {
		if f.Severity == Block {
			return true
		}
	}
	return false
}

// PhotoFindings reads the findings of a photo's last check from its
// Adjustments (the app keeps them there under "findings", so lists and the
// readiness gate need no decoding of pictures).
func PhotoFindings(adjustments json.RawMessage) []Finding {
	var m struct {
		Findings []Finding `json:"findings"`
	}
	if len(adjustments) == 0 || json.Unmarshal(adjustments, &m) != nil {
		return nil
	}
	return m.Findings
}
