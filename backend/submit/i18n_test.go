package submit

import (
	"encoding/json"
	"os"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"icpdesk/assets"
)

// emitted is every code this package puts in front of the user.
var emitted = []string{
	ReadyBlocking, ReadyNotChecked, ReadyNoWebsite, ReadyPhotoMissing, ReadyPhotoNotExported, ReadyChecklistMissing, ReadyChecklistDraft, ReadyChecklistStale, ReadyChecklistScanStale, ReadyPhotoWarning,
	DeadlineSMS, DeadlineTencentPrelim, DeadlineTencentPhoto, DeadlineBureauSubmit, DeadlineBureauReview, DeadlineIdle, DeadlineFooter, DeadlinePSBFiling, DeadlinePSBDisplay,
	FooterICPMissing, FooterWebsiteMissing, FooterGuangdongEntity, FooterWebsiteMismatch, FooterCopyright, FooterPSBFormat, FooterPSBMissing, FooterPSBSnippet, FooterPSBIcon,
	ApproveEntityHasSuffix, ApproveWebsiteNoSuffix, ApproveWebsiteMismatch, ApproveWebsiteNumberMiss, ApproveProvinceMismatch,
	PSBStepRegister, PSBStepFile, PSBStepNumber, PSBStepDisplay,
	EventCreated, EventDuplicate, EventNewWebsite, EventReopened, EventEdited, EventReturned, EventApproved,
	PhotosNotInJSON, PhotosNone, ProblemMissing, ProblemSize, ProblemChecksum, ProblemUnexpected, ProblemBadName,
}

var placeholder = regexp.MustCompile(`\{(\w+)\}`)

func placeholders(s string) []string {
	out := []string{}
	for _, m := range placeholder.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	sort.Strings(out)
	return out
}

func TestMessages(t *testing.T) {
	tables := map[string]map[string]string{}
	for _, lang := range []string{"zh-CN", "en"} {
		b, err := os.ReadFile("../../frontend/src/i18n/submit." + lang + ".json")
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		tables[lang] = m
	}
	want := map[string]bool{}
	for _, c := range emitted {
		want[c] = true
	}
	rs, _ := assets.Rejections()
	for _, r := range rs {
		k := "submit.rejection." + r.ID
		want[k] = true
		if tables["zh-CN"][k] != r.Zh || tables["en"][k] != r.En {
			t.Errorf("%s differs from assets/data/rejections.json", k)
		}
	}
	for lang, m := range tables {
		for k := range want {
			if strings.TrimSpace(m[k]) == "" {
				t.Errorf("%s: no message for %s", lang, k)
			}
		}
		for k := range m {
			if !want[k] {
				t.Errorf("%s: %s is never emitted", lang, k)
			}
			if strings.ContainsAny(k, "@|") || strings.ContainsAny(m[k], "@|") {
				t.Errorf("%s: %s contains @ or | (vue-i18n syntax)", lang, k)
			}
		}
	}
	for k, zh := range tables["zh-CN"] {
		if a, b := placeholders(zh), placeholders(tables["en"][k]); !reflect.DeepEqual(a, b) {
			t.Errorf("%s: zh placeholders %v, en %v", k, a, b)
		}
	}
}
