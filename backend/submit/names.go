package submit

import (
	"strings"
	"unicode/utf8"
)

// reservedNames are device names Windows refuses as file names, with or
// without an extension.
var reservedNames = map[string]bool{"CON": true, "PRN": true, "AUX": true, "NUL": true,
	"COM1": true, "COM2": true, "COM3": true, "COM4": true, "COM5": true, "COM6": true, "COM7": true, "COM8": true, "COM9": true,
	"LPT1": true, "LPT2": true, "LPT3": true, "LPT4": true, "LPT5": true, "LPT6": true, "LPT7": true, "LPT8": true, "LPT9": true}

const maxNameRunes = 120

// SafeName makes name a file name every system accepts: no path separators
// or <>:"/\|?*, no control characters, no trailing dots or spaces, no
// Windows device names, at most 120 characters, never empty.
func SafeName(name string) string {
	if !utf8.ValidString(name) {
		name = strings.ToValidUTF8(name, "_")
	}
	var b strings.Builder
	for _, r := range name {
		if r < 0x20 || r == 0x7f || strings.ContainsRune(`<>:"/\|?*`, r) {
			r = '_'
		}
		b.WriteRune(r)
	}
	s := strings.TrimLeft(b.String(), " ")
	if rs := []rune(s); len(rs) > maxNameRunes {
		// Keep the extension when cutting.
		ext := ""
		if i := strings.LastIndexByte(s, '.'); i > 0 && len(s)-i <= 8 {
			ext = s[i:]
		}
		rs = []rune(strings.TrimSuffix(s, ext))
		s = string(rs[:maxNameRunes-utf8.RuneCountInString(ext)]) + ext
	}
	s = strings.TrimRight(s, ". ")
	if s == "" || s == "." || s == ".." {
		return "file"
	}
	base := s
	if i := strings.IndexByte(base, '.'); i >= 0 {
		base = base[:i]
	}
	if reservedNames[strings.ToUpper(strings.TrimRight(base, " "))] {
		s = "_" + s
	}
	return s
}

// uniqueNames hands out names that differ case-insensitively (Windows and
// macOS file systems ignore case) by adding _2, _3 before the extension.
type uniqueNames map[string]bool

func (u uniqueNames) take(name string) string {
	name = SafeName(name)
	ext := ""
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		ext = name[i:]
	}
	stem := strings.TrimSuffix(name, ext)
	for n := 2; u[strings.ToLower(name)]; n++ {
		name = stem + "_" + itoa(n) + ext
	}
	u[strings.ToLower(name)] = true
	return name
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
