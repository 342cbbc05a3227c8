// Package checklist draws the website authenticity verification checklist
// (网站备案信息真实性核验单) as an A4 PDF: one per website, in the variant of the
// entity's province, with the owner's basic data filled in and every
// signature, seal, fingerprint, date and verifier tick left empty.
//
// Layout code draws into a display list (document); only render_gofpdf.go
// turns it into PDF bytes, so the archived PDF library stays replaceable.
package checklist

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"time"

	"icpdesk/assets"
	"icpdesk/backend"
)

// Variant is one of the three checklist templates Tencent publishes.
type Variant string

const (
	Standard            Variant = "standard"             // 其他（非广东）省份
	GuangdongOrg        Variant = "guangdong_org"        // 广东省单位
	GuangdongIndividual Variant = "guangdong_individual" // 广东省个人
)

// Variants lists every variant, in display order.
func Variants() []Variant { return []Variant{Standard, GuangdongOrg, GuangdongIndividual} }

// BlankFileName is the file name offered when saving a blank form of v.
func BlankFileName(v Variant) string { return mustRules().BlankFileNames[string(v)] }

// ParseVariant checks a variant name given by a user or the CLI.
func ParseVariant(s string) (Variant, error) {
	for _, v := range Variants() {
		if string(v) == s {
			return v, nil
		}
	}
	return "", backend.Errorf(backend.ECodeInvalid, "variant", map[string]any{"value": s}, "unknown checklist variant %q", s)
}

// GuangdongIndividualStatement is the statement a Guangdong individual must copy
// by hand below the signature (ID 快速备案/首次备案/通过控制台进行首次备案_intl_cn.md).
// It is never printed on the form; the UI shows it for copying.
const GuangdongIndividualStatement = "本人已履行网站备案信息当面核验手续，承认网站备案信息和核验记录真实有效，承诺本网站是个人网站，未含企业、单位等非个人网站的信息，承诺网站备案信息一旦发生变更，将及时进行更新，填报虚假备案信息、未履行备案变更手续、超出备案项目提供服务的，愿承担关闭网站并注销备案（列黑名单）等相应处理。"

// HandCopiedStatement returns the text the website person must copy by hand on
// the form of variant v, or "" when the variant has none.
func HandCopiedStatement(v Variant) string {
	if v == GuangdongIndividual {
		return GuangdongIndividualStatement
	}
	return ""
}

// IsDraft reports whether the checklist of rec carries the "草稿 — 未提交"
// watermark: the application is not submitted yet (backend.Editable) and a
// finding of check (the rules engine) blocks. A submitted or approved
// application is never a draft, whatever today's rules say about its frozen
// data; check runs only for an editable one.
func IsDraft(rec backend.ApplicationRecord, check func(backend.Application) []backend.Finding) bool {
	return backend.Editable(rec.Status) && backend.Blocking(check(rec.Doc))
}

// Options tune a generated checklist.
type Options struct {
	// Draft stamps a diagonal "草稿 — 未提交" watermark on every page.
	Draft bool
	// Drafts, for Combine, decides the watermark per application (by index);
	// an application beyond its length takes Draft.
	Drafts []bool
	// Registrars maps a domain to its registrar's name, for provinces that want
	// it after each domain (Beijing); unknown ones print as a blank to fill in.
	Registrars map[string]string
	// Clock dates the PDF's metadata; nil means the system clock.
	Clock backend.Clock
}

func (o Options) now() time.Time {
	if o.Clock == nil {
		return time.Now()
	}
	return o.Clock.Now()
}

// rules is assets/data/checklist.json.
type rules struct {
	IndividualNatures          []string          `json:"individual_natures"`
	SelfEmployedNatures        []string          `json:"self_employed_natures"`
	SelfEmployedMarkers        []string          `json:"self_employed_markers"`
	SelfEmployedRemarkProvince []string          `json:"self_employed_remark_provinces"`
	SelfEmployedRemarkSuffix   string            `json:"self_employed_remark_suffix"`
	MaxDomains                 int               `json:"max_domains"`
	WarnRunes                  int               `json:"warn_runes"`
	MaxRunes                   int               `json:"max_runes"`
	MaxDomainRunes             int               `json:"max_domain_runes"`
	BlankFileNames             map[string]string `json:"blank_file_names"`
}

var (
	rulesOnce sync.Once
	rulesVal  rules
	rulesErr  error
)

// Load parses the package's embedded data (data/checklist.json) once; the app
// and the CLI call it at start-up and refuse to start when it fails.
func Load() error {
	_, err := loadRules()
	return err
}

// mustRules is loadRules after Load succeeded at start-up: a failure is a
// build defect, never "not an individual".
func mustRules() rules {
	r, err := loadRules()
	if err != nil {
		panic(err)
	}
	return r
}

func loadRules() (rules, error) {
	rulesOnce.Do(func() {
		b, err := assets.Read("data/checklist.json")
		if err == nil {
			err = json.Unmarshal(b, &rulesVal)
		}
		if err == nil && (rulesVal.MaxRunes <= 0 || rulesVal.WarnRunes <= 0 || rulesVal.MaxDomainRunes <= 0) {
			err = fmt.Errorf("limits missing")
		}
		for _, v := range Variants() {
			if err == nil && rulesVal.BlankFileNames[string(v)] == "" {
				err = fmt.Errorf("blank_file_names.%s missing", v)
			}
		}
		if err != nil {
			rulesErr = fmt.Errorf("checklist: assets data/checklist.json: %w", err)
		}
	})
	return rulesVal, rulesErr
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// isIndividual reports whether the entity files as a private person.
func isIndividual(app backend.Application) bool {
	r := mustRules()
	return contains(r.IndividualNatures, app.Entity.Nature)
}

// isSelfEmployed reports whether the entity is a self-employed business (个体工商户).
func isSelfEmployed(app backend.Application) bool {
	r := mustRules()
	if contains(r.SelfEmployedNatures, app.Entity.Nature) {
		return true
	}
	for _, m := range r.SelfEmployedMarkers {
		if m != "" && (strings.Contains(app.Entity.Name, m) || strings.Contains(app.Entity.Remark, m)) {
			return true
		}
	}
	return false
}

// VariantFor returns the template the application's province uses.
func VariantFor(app backend.Application) Variant {
	p, ok := assets.ProvinceByKey(app.Entity.Province)
	if !ok || p.ChecklistVariant != "guangdong" {
		return Standard
	}
	if isIndividual(app) {
		return GuangdongIndividual
	}
	return GuangdongOrg
}

// Generate draws the checklist of one website. Findings describe data that is
// missing, too long or not printable; the PDF is produced all the same (with
// blanks or placeholders), so err is only for an unknown website or a failure.
func Generate(app backend.Application, websiteID string, opts Options) ([]byte, []backend.Finding, error) {
	idx, ok := backend.WebsiteIndex(&app, websiteID)
	if !ok {
		// Two websites share the ID: drawing either would put one website's
		// data under the other's name.
		return nil, nil, backend.Errorf(backend.ECodeConflict, "websites", map[string]any{"id": websiteID}, "two websites have the id %q", websiteID)
	}
	if idx < 0 {
		return nil, nil, backend.Errorf(backend.ECodeNotFound, "websites", map[string]any{"id": websiteID}, "no website %q", websiteID)
	}
	return generateAt(app, idx, opts)
}

// generateAt draws the checklist of the website at index idx.
func generateAt(app backend.Application, idx int, opts Options) ([]byte, []backend.Finding, error) {
	f, err := loadFont()
	if err != nil {
		return nil, nil, backend.Wrap(backend.ECodeInternal, err)
	}
	fd, findings, err := prepare(app, idx, opts, f)
	if err != nil {
		return nil, nil, err
	}
	doc := newDocument(f, opts)
	layoutForm(doc, fd)
	pdf, err := render(context.Background(), doc)
	if err != nil {
		return nil, findings, err
	}
	return pdf, findings, nil
}

// File is one generated checklist.
type File struct {
	WebsiteID string            `json:"websiteId"`
	Name      string            `json:"name"` // backend.ChecklistFileName of the website
	PDF       []byte            `json:"-"`
	Findings  []backend.Finding `json:"findings"`
}

// GenerateAll draws one checklist per website, in order.
func GenerateAll(app backend.Application, opts Options) ([]File, error) {
	out := make([]File, 0, len(app.Websites))
	for i, w := range app.Websites {
		pdf, fs, err := generateAt(app, i, opts) // by position: IDs may repeat in a hand-written file
		if err != nil {
			return nil, err
		}
		out = append(out, File{WebsiteID: w.ID, Name: backend.ChecklistFileName(w), PDF: pdf, Findings: fs})
	}
	return out, nil
}

// Blank draws an empty form of the variant, for people who fill it by hand.
func Blank(v Variant) ([]byte, error) {
	if _, err := ParseVariant(string(v)); err != nil {
		return nil, err
	}
	f, err := loadFont()
	if err != nil {
		return nil, backend.Wrap(backend.ECodeInternal, err)
	}
	doc := newDocument(f, Options{})
	layoutForm(doc, formData{variant: v, blank: true, individual: v == GuangdongIndividual})
	return render(context.Background(), doc)
}

// Progress is told how many forms of the batch are drawn so far.
type Progress func(done, total int)

// Combine draws every website's checklist of every application into one PDF
// (agencies print many clients at once), in order. Findings carry the
// application's index in Params["application"]. A cancelled ctx stops the
// work with a backend ECodeCancelled error.
func Combine(ctx context.Context, apps []backend.Application, opts Options, progress Progress) ([]byte, []backend.Finding, error) {
	f, err := loadFont()
	if err != nil {
		return nil, nil, backend.Wrap(backend.ECodeInternal, err)
	}
	total := 0
	for _, a := range apps {
		total += len(a.Websites)
	}
	if total == 0 {
		return nil, nil, backend.Errorf(backend.ECodeInvalid, "websites", nil, "no website to print")
	}
	doc := newDocument(f, opts)
	var findings []backend.Finding
	done := 0
	for ai, app := range apps {
		// An approved application in a batch with drafts is no draft itself.
		doc.opts.Draft = opts.Draft
		if ai < len(opts.Drafts) {
			doc.opts.Draft = opts.Drafts[ai]
		}
		for wi := range app.Websites {
			if err := ctx.Err(); err != nil {
				return nil, nil, backend.Wrap(backend.ECodeCancelled, err)
			}
			fd, fs, err := prepare(app, wi, opts, f)
			if err != nil {
				return nil, nil, err
			}
			for _, x := range fs {
				if x.Params == nil {
					x.Params = map[string]any{}
				}
				x.Params["application"] = ai
				findings = append(findings, x)
			}
			layoutForm(doc, fd)
			done++
			if progress != nil {
				progress(done, total)
			}
		}
	}
	pdf, err := render(ctx, doc)
	if err != nil {
		return nil, nil, err
	}
	return pdf, findings, nil
}
