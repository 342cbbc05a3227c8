package app

import (
	"strings"

	"icpdesk/app/osnotify"
	"icpdesk/backend"
)

// osNotify shows a desktop notification (a seam for tests).
var osNotify = osnotify.Show

// Notify shows an operating-system notification (a deadline falling due
// while ICP Desk runs). The frontend words it; without a notification
// service (no D-Bus session, notifications turned off) the error says so and
// the in-app reminder remains.
func (s *SystemService) Notify(title, body string) error {
	title, body = strings.TrimSpace(title), strings.TrimSpace(body)
	if title == "" {
		return backend.Errorf(backend.ECodeInvalid, "title", nil, "empty notification")
	}
	if err := osNotify(title, body); err != nil {
		return backend.Errorf(backend.ECodeUnsupported, "notification", nil, "notification: %v", err)
	}
	return nil
}
