package submit

import (
	"reflect"
	"testing"

	"icpdesk/backend"
)

func TestDescribeEvent(t *testing.T) {
	tests := []struct {
		name string
		ev   backend.Event
		want TimelineEvent
	}{
		{"created", backend.Event{To: backend.StatusDraft, Note: "created"}, TimelineEvent{Code: EventCreated}},
		{"reopened", backend.Event{To: backend.StatusDraft, Note: "reopened"}, TimelineEvent{Code: EventReopened}},
		{"edited after ready", backend.Event{To: backend.StatusDraft, Note: "edited"}, TimelineEvent{Code: EventEdited}},
		{"new website", backend.Event{To: backend.StatusDraft, Note: "new website"}, TimelineEvent{Code: EventNewWebsite}},
		{"rejection with a note", backend.Event{To: backend.StatusReturned, Note: "reasons: website_name, domain_holder\n名称与内容不符"},
			TimelineEvent{Code: EventReturned, Reasons: []string{"website_name", "domain_holder"}, ClerkNote: "名称与内容不符"}},
		{"rejection without a note", backend.Event{To: backend.StatusReturned, Note: "reasons: website_name"},
			TimelineEvent{Code: EventReturned, Reasons: []string{"website_name"}}},
		{"approval", backend.Event{To: backend.StatusApproved, Note: "粤ICP备2026012345号"},
			TimelineEvent{Code: EventApproved, Params: map[string]any{"icp": "粤ICP备2026012345号"}}},
		{"a clerk's note stays as typed", backend.Event{To: backend.StatusSMSPending, Note: "短信已收到"}, TimelineEvent{ClerkNote: "短信已收到"}},
		{"the word reasons in a clerk's note on another status", backend.Event{To: backend.StatusBureauReview, Note: "reasons: none"}, TimelineEvent{ClerkNote: "reasons: none"}},
	}
	for _, tc := range tests {
		got := DescribeEvent(tc.ev)
		tc.want.Event = tc.ev
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: %+v, want %+v", tc.name, got, tc.want)
		}
	}
}
