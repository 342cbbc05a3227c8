package submit

import (
	"context"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"icpdesk/assets"
	"icpdesk/backend"
)

// Approval is what the clerk records once the filing is approved: the
// numbers, and how far the post-approval duties (footer, PSB) have got.
type Approval struct {
	ICPNumber      string               `json:"icpNumber"`      // entity number, 京ICP备12345678号
	WebsiteNumbers map[string]string    `json:"websiteNumbers"` // website id → 京ICP备12345678号-1
	ApprovedAt     time.Time            `json:"approvedAt"`
	FooterDone     bool                 `json:"footerDone"`
	PSB            map[string]PSBRecord `json:"psb,omitempty"` // website id → PSB filing
}

// PSBRecord is the public-security filing of one website.
type PSBRecord struct {
	Number     string     `json:"number,omitempty"` // 京公网安备 11010802020877号
	FiledAt    *time.Time `json:"filedAt,omitempty"`
	ApprovedAt *time.Time `json:"approvedAt,omitempty"`
	Displayed  bool       `json:"displayed,omitempty"`
}

// Approval finding codes (i18n keys).
const (
	ApproveEntityHasSuffix   = "submit.approve.entity_has_suffix"       // entity number given with -n
	ApproveWebsiteNoSuffix   = "submit.approve.website_number_suffix"   // website number without -n
	ApproveWebsiteMismatch   = "submit.approve.website_number_mismatch" // {website} not under the entity number
	ApproveWebsiteNumberMiss = "submit.approve.website_number_missing"  // {website}
	ApproveProvinceMismatch  = "submit.approve.province_mismatch"       // {abbr} is not {province}'s {expected}
)

func approvalKey(id int64) string { return "submit.approval." + strconv.FormatInt(id, 10) }

var (
	spaces    = regexp.MustCompile(`\s+`)
	siteSufix = regexp.MustCompile(`-\d{1,3}$`)
)

// normaliseNumber drops the spaces clerks paste into numbers.
func normaliseNumber(s string) string { return spaces.ReplaceAllString(strings.TrimSpace(s), "") }

// EntityNumberOf strips a website number's -n suffix.
func EntityNumberOf(n string) string { return siteSufix.ReplaceAllString(normaliseNumber(n), "") }

// GetApproval returns the recorded approval, or nil when there is none.
func GetApproval(ctx context.Context, st Store, appID int64) (*Approval, error) {
	var a Approval
	ok, err := getJSON(ctx, st, approvalKey(appID), &a)
	if !ok || err != nil {
		return nil, err
	}
	return &a, nil
}

func checkNumbers(app backend.Application, icp string, sites map[string]string, validate IDValidator) ([]backend.Finding, error) {
	var fs []backend.Finding
	run := func(kind, value, field string) {
		if validate == nil {
			return
		}
		for _, f := range validate(kind, value) {
			f.Field = field
			fs = append(fs, f)
		}
	}
	run("icp", icp, "icpNumber")
	fs = append(fs, provinceMismatch(app, icp, "icpNumber")...)
	if icp != "" && siteSufix.MatchString(icp) {
		fs = append(fs, backend.Finding{Rule: ApproveEntityHasSuffix, Field: "icpNumber", Severity: backend.Warn, Params: map[string]any{"number": icp}})
	}
	known := map[string]bool{}
	for _, w := range app.Websites {
		known[w.ID] = true
	}
	ids := make([]string, 0, len(sites))
	for id := range sites {
		if !known[id] {
			return nil, backend.Errorf(backend.ECodeInvalid, "websiteNumbers", map[string]any{"website": id}, "no website %q", id)
		}
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, w := range app.Websites {
		n, field := sites[w.ID], "websiteNumbers."+w.ID
		p := map[string]any{"website": w.ID, "domain": firstDomain(w), "number": n}
		switch {
		case n == "":
			fs = append(fs, backend.Finding{Rule: ApproveWebsiteNumberMiss, Field: field, Severity: backend.Warn, Params: p})
			continue
		case !siteSufix.MatchString(n):
			fs = append(fs, backend.Finding{Rule: ApproveWebsiteNoSuffix, Field: field, Severity: backend.Warn, Params: p})
		case icp != "" && EntityNumberOf(n) != EntityNumberOf(icp):
			fs = append(fs, backend.Finding{Rule: ApproveWebsiteMismatch, Field: field, Severity: backend.Block, Params: p})
		}
		run("icp", n, field)
	}
	return fs, nil
}

// provinceMismatch warns when a filing number's province abbreviation is not
// the application's province: the bureau of the entity's province issues it.
func provinceMismatch(app backend.Application, number, field string) []backend.Finding {
	p, ok := assets.ProvinceByKey(app.Entity.Province)
	abbr, _, found := strings.Cut(number, "ICP备")
	if !ok || !found || abbr == "" {
		return nil
	}
	if abbr == p.ICPAbbr || abbr == p.Abbr || slices.Contains(p.ICPAbbrAlt, abbr) {
		return nil
	}
	return []backend.Finding{{Rule: ApproveProvinceMismatch, Field: field, Severity: backend.Warn,
		Params: map[string]any{"number": number, "abbr": abbr, "province": p.NameZh, "expected": p.ICPAbbr}}}
}

// Approve records the approval: the entity ICP number (also stored with
// SetICPNumber for lists and search) and the website numbers, checked with
// validate (rules.CheckID; nil skips format checks). Blocking findings refuse
// it with ECodeInvalid; otherwise the status becomes approved at at.
func Approve(ctx context.Context, st Store, appID int64, icpNumber string, websiteNumbers map[string]string, validate IDValidator, at time.Time) (Approval, []backend.Finding, error) {
	rec, err := st.GetApplication(ctx, appID)
	if err != nil {
		return Approval{}, nil, err
	}
	if !backend.CanTransition(rec.Status, backend.StatusApproved) {
		return Approval{}, nil, illegal(rec.Status, backend.StatusApproved)
	}
	icp, sites := approvalNumbers(icpNumber, websiteNumbers)
	if icp == "" {
		return Approval{}, nil, backend.Errorf(backend.ECodeInvalid, "icpNumber", nil, "no ICP number")
	}
	fs, err := checkNumbers(rec.Doc, icp, sites, validate)
	if err != nil {
		return Approval{}, nil, err
	}
	if backend.Blocking(fs) {
		return Approval{}, fs, backend.Errorf(backend.ECodeInvalid, "icpNumber", map[string]any{"findings": len(fs)}, "approval numbers do not check")
	}
	ev, err := move(ctx, st, rec, backend.StatusApproved, icp, at)
	if err != nil {
		return Approval{}, fs, err
	}
	if err := st.SetICPNumber(ctx, appID, icp); err != nil {
		return Approval{}, fs, err
	}
	a := Approval{ICPNumber: icp, WebsiteNumbers: sites, ApprovedAt: ev.At, PSB: map[string]PSBRecord{}}
	return a, fs, setJSON(ctx, st, approvalKey(appID), a)
}

// approvalNumbers normalises the numbers of an approval form (spaces dropped,
// empty website numbers left out).
func approvalNumbers(icpNumber string, websiteNumbers map[string]string) (string, map[string]string) {
	sites := map[string]string{}
	for id, n := range websiteNumbers {
		if n = normaliseNumber(n); n != "" {
			sites[id] = n
		}
	}
	return normaliseNumber(icpNumber), sites
}

// ApprovalCheck is what the approval form shows while the clerk types: the
// findings Approve would give (the ICP rule of backend/rules through
// validate, the province, the suffixes), and once the entity number has no
// blocking finding, each website's number as MIIT issues them in order
// (entity number -1, -2, …) for the form to propose.
type ApprovalCheck struct {
	Findings []backend.Finding `json:"findings"`
	Proposed map[string]string `json:"proposed"`
}

// CheckApproval checks the numbers of an approval without recording it.
func CheckApproval(ctx context.Context, st Store, appID int64, icpNumber string, websiteNumbers map[string]string, validate IDValidator) (ApprovalCheck, error) {
	rec, err := st.GetApplication(ctx, appID)
	if err != nil {
		return ApprovalCheck{}, err
	}
	icp, sites := approvalNumbers(icpNumber, websiteNumbers)
	fs, err := checkNumbers(rec.Doc, icp, sites, validate)
	if err != nil {
		return ApprovalCheck{}, err
	}
	out := ApprovalCheck{Findings: fs, Proposed: map[string]string{}}
	if fs == nil {
		out.Findings = []backend.Finding{}
	}
	entityOK := icp != ""
	for _, f := range fs {
		entityOK = entityOK && !(f.Field == "icpNumber" && f.Severity == backend.Block)
	}
	if entityOK {
		for i, w := range rec.Doc.Websites {
			out.Proposed[w.ID] = EntityNumberOf(icp) + "-" + strconv.Itoa(i+1)
		}
	}
	return out, nil
}

func updateApproval(ctx context.Context, st Store, appID int64, change func(*Approval) error) (Approval, error) {
	a, err := GetApproval(ctx, st, appID)
	if err != nil {
		return Approval{}, err
	}
	if a == nil {
		return Approval{}, backend.Errorf(backend.ECodeConflict, "status", map[string]any{"id": appID}, "application %d is not approved", appID)
	}
	if a.PSB == nil {
		a.PSB = map[string]PSBRecord{}
	}
	if err := change(a); err != nil {
		return *a, err
	}
	return *a, setJSON(ctx, st, approvalKey(appID), a)
}

// SetFooterDone records that the ICP number is on the live site.
func SetFooterDone(ctx context.Context, st Store, appID int64, done bool) (Approval, error) {
	return updateApproval(ctx, st, appID, func(a *Approval) error { a.FooterDone = done; return nil })
}

// RecordPSB records a website's PSB filing progress; a number is checked with
// validate ("psb"), and blocking findings refuse it with ECodeInvalid.
func RecordPSB(ctx context.Context, st Store, appID int64, websiteID string, r PSBRecord, validate IDValidator) (Approval, []backend.Finding, error) {
	rec, err := st.GetApplication(ctx, appID)
	if err != nil {
		return Approval{}, nil, err
	}
	found := false
	for _, w := range rec.Doc.Websites {
		found = found || w.ID == websiteID
	}
	if !found {
		return Approval{}, nil, backend.Errorf(backend.ECodeNotFound, "websiteId", map[string]any{"website": websiteID}, "no website %q", websiteID)
	}
	r.Number = strings.TrimSpace(r.Number)
	var fs []backend.Finding
	if r.Number != "" && validate != nil {
		for _, f := range validate("psb", r.Number) {
			f.Field = "psb." + websiteID
			fs = append(fs, f)
		}
	}
	if backend.Blocking(fs) {
		return Approval{}, fs, backend.Errorf(backend.ECodeInvalid, "psb."+websiteID, nil, "PSB number does not check")
	}
	a, err := updateApproval(ctx, st, appID, func(a *Approval) error { a.PSB[websiteID] = r; return nil })
	return a, fs, err
}

// PSB step codes (i18n keys), per website, in the order they are done.
const (
	PSBStepRegister = "submit.psb.register"      // account on the national platform
	PSBStepFile     = "submit.psb.file"          // file within 30 days of going live
	PSBStepNumber   = "submit.psb.record_number" // record the PSB number here
	PSBStepDisplay  = "submit.psb.display"       // number and icon on the site within 30 days of PSB approval
)

// PSBStep is one step of the public-security filing of a website.
type PSBStep struct {
	Code      string         `json:"code"`
	WebsiteID string         `json:"websiteId"`
	Done      bool           `json:"done"`
	Due       *time.Time     `json:"due,omitempty"`
	Overdue   bool           `json:"overdue"`
	Countdown *Countdown     `json:"countdown,omitempty"` // with Due, in calendar days
	Params    map[string]any `json:"params,omitempty"`
}

// PSBHosts are the platform addresses process.md names; which is current is
// unconfirmed, so both are shown.
var PSBHosts = []string{"https://beian.mps.gov.cn", "http://www.beian.gov.cn"}

// PSBSteps is the post-approval PSB checklist of every website with its deadlines.
func PSBSteps(app backend.Application, a Approval, now time.Time) []PSBStep {
	var out []PSBStep
	for _, w := range app.Websites {
		r := a.PSB[w.ID]
		filed := r.FiledAt != nil || r.Number != ""
		p := map[string]any{"website": w.ID, "domain": firstDomain(w)}
		step := func(code string, done bool, due *time.Time, extra map[string]any) {
			s := PSBStep{Code: code, WebsiteID: w.ID, Done: done, Due: due, Params: map[string]any{}}
			for k, v := range p {
				s.Params[k] = v
			}
			for k, v := range extra {
				s.Params[k] = v
			}
			s.Overdue = !done && due != nil && now.After(*due)
			if due != nil {
				c := CountdownTo(*due, now, UnitDays)
				s.Countdown = &c
			}
			out = append(out, s)
		}
		fileDue := addDays(a.ApprovedAt, psbFilingDays)
		step(PSBStepRegister, filed, nil, map[string]any{"hosts": strings.Join(PSBHosts, " ")})
		step(PSBStepFile, filed, &fileDue, map[string]any{"days": psbFilingDays})
		step(PSBStepNumber, r.Number != "", nil, nil)
		var showDue *time.Time
		if r.ApprovedAt != nil {
			d := addDays(*r.ApprovedAt, psbDisplayDays)
			showDue = &d
		}
		step(PSBStepDisplay, r.Displayed, showDue, map[string]any{"days": psbDisplayDays})
	}
	return out
}
