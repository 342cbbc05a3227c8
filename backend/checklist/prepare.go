package checklist

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"icpdesk/assets"
	"icpdesk/backend"
)

// Rule ids of the findings this package returns; each is an i18n key in
// frontend/src/i18n/checklist.*.json.
const (
	RuleMissingField      = "checklist.missing_field"
	RuleGlyphMissing      = "checklist.glyph_missing"
	RuleTooLong           = "checklist.too_long"
	RuleTruncated         = "checklist.truncated"
	RuleTooManyDomains    = "checklist.too_many_domains"
	RuleRegistrarUnknown  = "checklist.registrar_unknown"
	RuleProvinceUnknown   = "checklist.province_unknown"
	RuleSign              = "checklist.sign"
	RuleSeal              = "checklist.seal"
	RuleNoSeal            = "checklist.no_seal"
	RuleFingerprint       = "checklist.fingerprint"
	RuleHandCopy          = "checklist.hand_copy"
	RuleSelfEmployed      = "checklist.self_employed"
	RuleUnverifiedLayout  = "checklist.unverified_layout"
	placeholderRune       = '〓' // printed in place of a character the font lacks
	placeholderRuneSimple = '?'
)

// formData is everything one form shows, already cleaned for printing.
type formData struct {
	variant       Variant
	blank         bool
	individual    bool
	fingerprint   bool   // fingerprint box beside the signature
	registrarNote bool   // registrar after each domain
	selfEmployed  string // printed remark beside the signature, e.g. 张三（个体工商户）
	entityName    string
	personName    string
	websiteName   string
	domains       []string // as printed (with registrar notes)
}

// cleaner turns user text into printable text and collects findings.
type cleaner struct {
	f        *ttf
	r        rules
	findings []backend.Finding
}

func (c *cleaner) add(rule, field string, sev backend.Severity, params map[string]any) {
	c.findings = append(c.findings, backend.Finding{Rule: rule, Field: field, Severity: sev, Params: params})
}

// text cleans one value: valid UTF-8, one line, glyphs the font has, capped.
func (c *cleaner) text(field, s string, required bool, warnAt, maxRunes int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		if required {
			c.add(RuleMissingField, field, backend.Block, nil)
		}
		return ""
	}
	n := utf8.RuneCountInString(s)
	if n > maxRunes {
		c.add(RuleTruncated, field, backend.Block, map[string]any{"length": n, "max": maxRunes})
		s = string([]rune(s)[:maxRunes-1]) + "…"
	} else if n > warnAt {
		c.add(RuleTooLong, field, backend.Warn, map[string]any{"length": n, "max": warnAt})
	}
	var missing []string
	seen := map[rune]bool{}
	placeholder := placeholderRune
	if !c.f.has(placeholder) {
		placeholder = placeholderRuneSimple
	}
	s = strings.Map(func(r rune) rune {
		if (c.f.has(r) && r != utf8.RuneError) || r == ' ' {
			return r
		}
		if !seen[r] {
			seen[r] = true
			missing = append(missing, fmt.Sprintf("U+%04X", r))
		}
		return placeholder
	}, s)
	if len(missing) > 0 {
		c.add(RuleGlyphMissing, field, backend.Block, map[string]any{"chars": strings.Join(missing, " ")})
	}
	return s
}

// prepare builds the form of website wi and the findings about its data.
func prepare(app backend.Application, wi int, opts Options, f *ttf) (formData, []backend.Finding, error) {
	r, err := loadRules()
	if err != nil {
		return formData{}, nil, backend.Wrap(backend.ECodeInternal, err)
	}
	c := &cleaner{f: f, r: r}
	w := app.Websites[wi]
	wp := fmt.Sprintf("websites.%d", wi)
	fd := formData{variant: VariantFor(app), individual: isIndividual(app)}

	prov, ok := assets.ProvinceByKey(app.Entity.Province)
	if !ok {
		c.add(RuleProvinceUnknown, "entity.province", backend.Warn, map[string]any{"value": app.Entity.Province})
	}
	fd.fingerprint = ok && prov.FingerprintIndividual && fd.individual
	fd.registrarNote = ok && prov.ChecklistRegistrarNote

	fd.entityName = c.text("entity.name", app.Entity.Name, true, r.WarnRunes, r.MaxRunes)
	person, personField := w.Person, wp+".person.name"
	if w.SameAsEntity {
		person, personField = app.Entity.Person, "entity.person.name"
	}
	fd.personName = c.text(personField, person.Name, true, r.WarnRunes, r.MaxRunes)
	fd.websiteName = c.text(wp+".name", w.Name, true, r.WarnRunes, r.MaxRunes)

	n := 0
	for di, d := range w.Domains {
		field := fmt.Sprintf("%s.domains.%d", wp, di)
		d = c.text(field, d, false, r.MaxDomainRunes, r.MaxRunes)
		if d == "" {
			continue
		}
		n++
		if fd.registrarNote {
			reg := strings.TrimSpace(opts.Registrars[strings.TrimSpace(w.Domains[di])])
			if reg == "" {
				c.add(RuleRegistrarUnknown, field, backend.Warn, map[string]any{"domain": d})
				reg = "______"
			} else {
				reg = c.text(field, reg, false, r.WarnRunes, r.WarnRunes)
			}
			d += "（注册商：" + reg + "）"
		}
		fd.domains = append(fd.domains, d)
	}
	if n == 0 {
		c.add(RuleMissingField, wp+".domains", backend.Block, nil)
	}
	if r.MaxDomains > 0 && n > r.MaxDomains {
		c.add(RuleTooManyDomains, wp+".domains", backend.Warn, map[string]any{"count": n, "max": r.MaxDomains})
	}

	if ok && isSelfEmployed(app) && contains(r.SelfEmployedRemarkProvince, prov.Key) && !fd.individual {
		fd.selfEmployed = fd.personName + r.SelfEmployedRemarkSuffix
		c.add(RuleSelfEmployed, "entity.name", backend.Info, map[string]any{"remark": fd.selfEmployed, "province": prov.NameZh})
	}

	// Tasks for the clerk: what must be done in ink after printing.
	c.add(RuleSign, personField, backend.Info, map[string]any{"name": fd.personName})
	if fd.individual {
		c.add(RuleNoSeal, "entity.nature", backend.Info, nil)
	} else {
		c.add(RuleSeal, "entity.name", backend.Info, nil)
	}
	if fd.fingerprint {
		c.add(RuleFingerprint, personField, backend.Info, map[string]any{"province": prov.NameZh})
	}
	if fd.variant == GuangdongIndividual {
		c.add(RuleHandCopy, personField, backend.Info, map[string]any{"statement": GuangdongIndividualStatement})
	}
	c.add(RuleUnverifiedLayout, "", backend.Info, nil)
	return fd, c.findings, nil
}
