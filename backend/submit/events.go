package submit

import (
	"strings"

	"icpdesk/backend"
)

// Event texts (i18n keys in frontend/src/i18n/submit.*.json) for the notes
// ICP Desk itself writes on a status change; a clerk's own note stays as typed.
const (
	EventCreated    = "submit.event.created"
	EventDuplicate  = "submit.event.duplicate"
	EventNewWebsite = "submit.event.new_website"
	EventReopened   = "submit.event.reopened"
	EventEdited     = "submit.event.edited"
	EventReturned   = "submit.event.returned"
	EventApproved   = "submit.event.approved"
)

// systemNotes are the notes the store and this package write, by event code.
var systemNotes = map[string]string{
	"created":     EventCreated,
	"duplicate":   EventDuplicate,
	"new website": EventNewWebsite,
	"reopened":    EventReopened,
	"edited":      EventEdited,
}

// rejectionSummaryPrefix starts the note of a rejection: its reason ids.
const rejectionSummaryPrefix = "reasons: "

// TimelineEvent is a status event as the tracking step shows it: Code (an
// i18n key, "" for none) with Params, the rejection reason ids, and the
// clerk's own note apart from what ICP Desk wrote.
type TimelineEvent struct {
	backend.Event
	Code      string         `json:"code,omitempty"`
	Params    map[string]any `json:"params,omitempty"`
	Reasons   []string       `json:"reasons,omitempty"`
	ClerkNote string         `json:"clerkNote,omitempty"`
}

// DescribeEvent splits an event's note into what ICP Desk wrote (a code)
// and what the clerk typed, so no raw note reaches the screen.
func DescribeEvent(e backend.Event) TimelineEvent {
	out := TimelineEvent{Event: e}
	note := strings.TrimSpace(e.Note)
	if code, ok := systemNotes[note]; ok {
		out.Code = code
		return out
	}
	switch {
	case e.To == backend.StatusReturned && strings.HasPrefix(note, rejectionSummaryPrefix):
		first, rest, _ := strings.Cut(note, "\n")
		for _, id := range strings.Split(strings.TrimPrefix(first, rejectionSummaryPrefix), ",") {
			if id = strings.TrimSpace(id); id != "" {
				out.Reasons = append(out.Reasons, id)
			}
		}
		out.Code, out.ClerkNote = EventReturned, strings.TrimSpace(rest)
	case e.To == backend.StatusApproved && note != "":
		out.Code, out.Params = EventApproved, map[string]any{"icp": note}
	default:
		out.ClerkNote = note
	}
	return out
}

// DescribeEvents is DescribeEvent over a list (never nil).
func DescribeEvents(list []backend.Event) []TimelineEvent {
	out := make([]TimelineEvent, 0, len(list))
	for _, e := range list {
		out = append(out, DescribeEvent(e))
	}
	return out
}
