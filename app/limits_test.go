package app

import (
	"testing"

	"icpdesk/assets"
	"icpdesk/backend"
)

// The hard limits every import and the store enforce come from what the
// rules and the photo importer know: a value the rules accept is never
// refused, and a blob is capped like a photo import.
func TestDocLimitsFollowTheRuleData(t *testing.T) {
	r, err := assets.Rules()
	if err != nil {
		t.Fatal(err)
	}
	p, err := assets.Photos()
	if err != nil {
		t.Fatal(err)
	}
	l := backend.DefaultDocLimits
	if want := max(r.Limits.WebsitesPerOrderOrganisation, r.Limits.WebsitesPerOrderIndividual); l.Websites != want {
		t.Errorf("websites per order: %d, the rules say %d", l.Websites, want)
	}
	if l.DomainsPerWebsite != r.Limits.DomainsPerWebsiteMax {
		t.Errorf("domains per website: %d, the rules say %d", l.DomainsPerWebsite, r.Limits.DomainsPerWebsiteMax)
	}
	if l.TextRunes != 10*r.Limits.TextSanityCap {
		t.Errorf("text: %d runes, want ten times the rules' sanity cap %d", l.TextRunes, r.Limits.TextSanityCap)
	}
	if l.BlobBytes != p.DecodeLimits.MaxFileBytes {
		t.Errorf("blobs: %d bytes, the photo import takes %d", l.BlobBytes, p.DecodeLimits.MaxFileBytes)
	}
}
