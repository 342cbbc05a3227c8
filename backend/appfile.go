package backend

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
)

// MaxApplicationFileBytes bounds an application file: a real one is a few
// kilobytes, so anything far larger is not an application.
const MaxApplicationFileBytes = 4 << 20

// Reasons an application file is refused (Params["reason"] of the error; the
// frontend and the CLI turn them into a sentence).
const (
	FileReasonEmpty      = "empty"      // nothing but white space
	FileReasonNotJSON    = "not_json"   // not JSON at all
	FileReasonNotObject  = "not_object" // JSON, but not an object (null, a list, a number…)
	FileReasonUTF16      = "utf16"      // saved as UTF-16 (Windows "Unicode"); UTF-8 is wanted
	FileReasonNoVersion  = "version_missing"
	FileReasonBadVersion = "version_bad" // 0, negative, or not a whole number
)

// ApplicationFile is what ReadApplicationFile made of a file.
type ApplicationFile struct {
	App Application
	// Repaired lists websites that repeated an earlier website's ID and got a
	// fresh one (EnsureWebsiteIDs); a caller that must not change the file's
	// meaning refuses instead.
	Repaired []WebsiteIDRepair
}

// ReadApplicationFile is the one reader of application files (the app's
// import and every icpdesk-cli command): at most MaxApplicationFileBytes, a
// UTF-8 byte-order mark tolerated, either a bare application document or an
// application record ({"doc": …}), the version checked before anything else
// (missing, null, zero or negative: ECodeInvalid on "version"; newer than
// SchemaVersion: ECodeTooNew), then decoded strictly (DecodeApplication) and
// held to DefaultDocLimits (ECodeTooLarge: more websites than an order holds).
// Errors carry Params["reason"] where the code alone
// would not say what is wrong.
func ReadApplicationFile(r io.Reader) (ApplicationFile, error) {
	raw, err := io.ReadAll(io.LimitReader(r, MaxApplicationFileBytes+1))
	if err != nil {
		return ApplicationFile{}, Wrap(ECodeInternal, err)
	}
	if len(raw) > MaxApplicationFileBytes {
		return ApplicationFile{}, Errorf(ECodeTooLarge, "", map[string]any{"limit": "4 MB", "max": MaxApplicationFileBytes},
			"application file over %d bytes", MaxApplicationFileBytes)
	}
	return ParseApplicationFile(raw)
}

// ParseApplicationFile is ReadApplicationFile on bytes already read.
func ParseApplicationFile(raw []byte) (ApplicationFile, error) {
	if bytes.HasPrefix(raw, []byte{0xFF, 0xFE}) || bytes.HasPrefix(raw, []byte{0xFE, 0xFF}) {
		return ApplicationFile{}, fileErr(ECodeUnsupported, FileReasonUTF16, "the file is UTF-16; save it as UTF-8")
	}
	raw = bytes.TrimPrefix(raw, []byte("\xEF\xBB\xBF"))
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return ApplicationFile{}, fileErr(ECodeInvalid, FileReasonEmpty, "the file is empty")
	}
	if !json.Valid(raw) {
		var v any
		err := json.Unmarshal(raw, &v)
		return ApplicationFile{}, fileErr(ECodeInvalid, FileReasonNotJSON, "not an application JSON document: %v", err)
	}
	var probe map[string]json.RawMessage
	if raw[0] != '{' || json.Unmarshal(raw, &probe) != nil || probe == nil {
		return ApplicationFile{}, fileErr(ECodeInvalid, FileReasonNotObject, "not an application JSON document: the file holds no JSON object")
	}
	if doc, ok := probe["doc"]; ok {
		if _, hasVersion := probe["version"]; !hasVersion {
			// An application record as the app's API returns it.
			raw = bytes.TrimSpace(doc)
			probe = nil
			if len(raw) == 0 || raw[0] != '{' || json.Unmarshal(raw, &probe) != nil || probe == nil {
				return ApplicationFile{}, fileErr(ECodeInvalid, FileReasonNotObject, `not an application: "doc" is not a JSON object`)
			}
		}
	}
	v, ok := probe["version"]
	if !ok || string(bytes.TrimSpace(v)) == "null" {
		return ApplicationFile{}, &Error{Code: ECodeInvalid, Field: "version", Params: map[string]any{"reason": FileReasonNoVersion},
			Err: fmt.Errorf(`no "version": every application file says which format version it is (this ICP Desk writes %d)`, SchemaVersion)}
	}
	n, err := strconv.ParseInt(string(bytes.TrimSpace(v)), 10, 64)
	if err != nil || n < 1 {
		return ApplicationFile{}, &Error{Code: ECodeInvalid, Field: "version", Params: map[string]any{"reason": FileReasonBadVersion, "version": string(v)},
			Err: fmt.Errorf(`"version" is %s; format versions are whole numbers from 1 (this ICP Desk writes %d)`, v, SchemaVersion)}
	}
	if n > SchemaVersion {
		return ApplicationFile{}, Errorf(ECodeTooNew, "version", map[string]any{"version": n, "supported": SchemaVersion},
			"written by a newer ICP Desk (format version %d, this one reads %d)", n, SchemaVersion)
	}
	app, err := DecodeApplication(raw)
	if err != nil {
		return ApplicationFile{}, err
	}
	if err := DefaultDocLimits.Check(&app); err != nil {
		return ApplicationFile{}, err
	}
	repaired := EnsureWebsiteIDs(&app)
	return ApplicationFile{App: app, Repaired: repaired}, nil
}

func fileErr(code, reason, format string, args ...any) *Error {
	return &Error{Code: code, Params: map[string]any{"reason": reason}, Err: fmt.Errorf(format, args...)}
}
