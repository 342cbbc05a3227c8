package backend

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
)

// DocLimits bound what an application document may hold: far above any real
// filing, far below what makes a workspace slow. Every import, the CLI and
// the store refuse a document over them (ECodeTooLarge, Field the JSON path,
// Params max and the actual count), so a hostile or broken file never
// reaches the rules, the search index or an autosave.
type DocLimits struct {
	// Websites per order. Tencent: "单位备案：每个订单最多可提交10个网站进行备案
	// … 个人备案：每个订单最多可提交1个网站" (qcloud-documents
	// product/域名与网站/网站备案/常见问题/备案流程/网站信息/网站信息.md); the
	// per-nature limit is a rule finding, this is the hard cap.
	Websites int
	// DomainsPerWebsite: the rules' domains_per_website_max.
	DomainsPerWebsite int
	// ListItems caps every other list of a website (home URLs, service
	// content, languages, pre-approvals).
	ListItems int
	// TextRunes caps every text field: ten times the rules' sanity cap
	// (text_sanity_cap, the length past which they warn that no real value
	// is that long), so a value the rules flag is still saved while the
	// clerk shortens it, and a 50 MB name never is.
	TextRunes int
	// BlobBytes caps a stored photo or document: the photo import's
	// max_file_bytes (assets/data/photo_slots.json decode_limits).
	BlobBytes int64
}

// DefaultDocLimits are the limits the app, the CLI and the stores use;
// app tests check them against the rule and photo data they come from.
var DefaultDocLimits = DocLimits{Websites: 10, DomainsPerWebsite: 10, ListItems: 50, TextRunes: 1000, BlobBytes: 40 << 20}

// Check returns an ECodeTooLarge error for the first part of app over the
// limits (or nil). Zero limits are unlimited.
func (l DocLimits) Check(app *Application) error {
	if l.Websites > 0 && len(app.Websites) > l.Websites {
		return tooMany("websites", l.Websites, len(app.Websites))
	}
	return l.walk("", reflect.ValueOf(app).Elem())
}

func tooMany(field string, max, n int) error {
	return Errorf(ECodeTooLarge, field, map[string]any{"max": max, "count": n, "reason": "items"}, "%s: %d items, at most %d", field, n, max)
}

// walk checks every string and list below v; path is v's JSON path.
func (l DocLimits) walk(path string, v reflect.Value) error {
	join := func(k string) string {
		if path == "" {
			return k
		}
		return path + "." + k
	}
	switch v.Kind() {
	case reflect.String:
		s := v.String()
		if l.TextRunes > 0 && len(s) > l.TextRunes { // runes ≤ bytes: count only when it may matter
			if n := utf8.RuneCountInString(s); n > l.TextRunes {
				return Errorf(ECodeTooLarge, path, map[string]any{"max": l.TextRunes, "length": n, "reason": "text"},
					"%s: %d characters, at most %d", path, n, l.TextRunes)
			}
		}
	case reflect.Slice:
		max := l.ListItems
		if strings.HasSuffix(path, ".domains") {
			max = l.DomainsPerWebsite
		} else if path == "websites" {
			max = l.Websites
		}
		if max > 0 && v.Len() > max {
			return tooMany(path, max, v.Len())
		}
		for i := 0; i < v.Len(); i++ {
			if err := l.walk(join(strconv.Itoa(i)), v.Index(i)); err != nil {
				return err
			}
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "" || name == "-" {
				name = f.Name
			}
			if err := l.walk(join(name), v.Field(i)); err != nil {
				return err
			}
		}
	case reflect.Pointer:
		if !v.IsNil() {
			return l.walk(path, v.Elem())
		}
	}
	return nil
}

// CheckBlob refuses a stored photo or document over BlobBytes.
func (l DocLimits) CheckBlob(field string, n int) error {
	if l.BlobBytes > 0 && int64(n) > l.BlobBytes {
		return Errorf(ECodeTooLarge, field, map[string]any{"max": l.BlobBytes, "limit": fmt.Sprintf("%d MB", l.BlobBytes>>20), "reason": "blob"},
			"%s: %d bytes, at most %d", field, n, l.BlobBytes)
	}
	return nil
}
