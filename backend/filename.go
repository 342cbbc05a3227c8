package backend

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxFileNameBytes caps a generated file name. Linux (ext4) and macOS (APFS)
// allow 255 UTF-8 bytes, NTFS 255 UTF-16 units; a Chinese character takes 3
// bytes, so the byte count is the binding one. 200 leaves room for the "_2"
// a FileNames set may add and keeps Windows paths shorter.
const MaxFileNameBytes = 200

// maxExtBytes is the longest suffix kept as an extension when a name is cut.
const maxExtBytes = 16

// forbiddenInFileNames are refused by Windows (all of them), macOS Finder (:)
// and every system (/).
const forbiddenInFileNames = `<>:"/\|?*`

// SafeFileName makes name a file name Windows, macOS and Linux all accept,
// for every file the app generates (checklists, packages, exports):
//   - invalid UTF-8, control characters and <>:"/\|?* become "_";
//   - leading spaces and trailing dots and spaces go (Windows drops them);
//   - at most MaxFileNameBytes bytes, cut at a character boundary and
//     keeping the extension;
//   - a Windows device name (CON, PRN, AUX, NUL, COM0-9, LPT0-9, CONIN$,
//     CONOUT$, also with an extension like "con.txt" or "NUL .pdf") gets a
//     leading "_";
//   - an empty name (or one of only dots) is "file", a name that is only an
//     extension (".pdf") gets "file" before it.
//
// Chinese and other letters stay as they are.
func SafeFileName(name string) string {
	name = strings.ToValidUTF8(name, "_")
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || strings.ContainsRune(forbiddenInFileNames, r) {
			return '_'
		}
		return r
	}, name)
	name = strings.TrimLeft(name, " ")
	name = strings.TrimRight(name, ". ")
	if name == "" {
		return "file"
	}
	if i := strings.LastIndexByte(name, '.'); i >= 0 && strings.Trim(name[:i], ". ") == "" {
		name = "file" + name[i:]
	}
	name = capFileName(name, MaxFileNameBytes)
	if isWindowsDeviceName(name) {
		name = capFileName("_"+name, MaxFileNameBytes)
	}
	return name
}

// fileExt is name's extension (".pdf") when it is short enough to be one.
func fileExt(name string) string {
	i := strings.LastIndexByte(name, '.')
	if i <= 0 || len(name)-i > maxExtBytes {
		return ""
	}
	return name[i:]
}

// capFileName cuts name to at most limit bytes without splitting a UTF-8
// character, keeping its extension, and drops what the cut leaves trailing.
func capFileName(name string, limit int) string {
	if len(name) <= limit {
		return name
	}
	ext := fileExt(name)
	stem := strings.TrimSuffix(name, ext)
	stem = truncateUTF8(stem, limit-len(ext))
	stem = strings.TrimRight(stem, ". ")
	if stem == "" {
		stem = "file"
	}
	return stem + ext
}

// truncateUTF8 is the longest prefix of s of at most n bytes that ends at a
// character boundary.
func truncateUTF8(s string, n int) string {
	if n <= 0 {
		return ""
	}
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// isWindowsDeviceName reports whether Windows treats name as a device: its
// part before the first dot, without trailing spaces, is CON, PRN, AUX, NUL,
// COM0-9, LPT0-9 (also with the superscript digits ¹²³), CONIN$ or CONOUT$,
// in any case.
func isWindowsDeviceName(name string) bool {
	base := name
	if i := strings.IndexByte(base, '.'); i >= 0 {
		base = base[:i]
	}
	base = strings.ToUpper(strings.TrimRight(base, " "))
	switch base {
	case "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$":
		return true
	}
	for _, dev := range []string{"COM", "LPT"} {
		if rest, ok := strings.CutPrefix(base, dev); ok {
			if len(rest) == 1 && rest[0] >= '0' && rest[0] <= '9' {
				return true
			}
			if rest == "¹" || rest == "²" || rest == "³" {
				return true
			}
		}
	}
	return false
}

// ChecklistFileName is the file name of a website's checklist (核验单) PDF,
// 核验单_<first domain>.pdf, or 核验单_<website ID>.pdf before any domain is
// entered. The app, the batch print and the submission package all use it.
func ChecklistFileName(w Website) string {
	name := w.ID
	for _, d := range w.Domains {
		if d = strings.TrimSpace(d); d != "" {
			name = d
			break
		}
	}
	// A fully qualified "example.com." names the same site.
	if name = strings.TrimRight(name, ". "); name == "" {
		name = "website"
	}
	return SafeFileName("核验单_" + name + ".pdf")
}

// FileNames hands out safe file names that differ case-insensitively
// (Windows and macOS file systems ignore case), adding _2, _3 … before the
// extension; files written into one folder or ZIP take their names from one
// set. The map's keys are the lower-cased names already taken.
type FileNames map[string]bool

// Take returns SafeFileName(name), or its first numbered variant not yet
// taken, and marks it taken.
func (u FileNames) Take(name string) string {
	name = SafeFileName(name)
	ext := fileExt(name)
	stem := strings.TrimSuffix(name, ext)
	for n := 2; u[strings.ToLower(name)]; n++ {
		suffix := "_" + strconv.Itoa(n) + ext
		name = truncateUTF8(stem, MaxFileNameBytes-len(suffix)) + suffix
	}
	u[strings.ToLower(name)] = true
	return name
}
