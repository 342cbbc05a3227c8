// Package osnotify shows desktop notifications through
// github.com/gen2brain/beeep: a toast on Windows 10/11 (WinRT, PowerShell as
// fallback), the Notification Center on macOS (osascript as fallback), D-Bus
// on Linux (notify-send as fallback). Kept apart from app/ so it can be
// vetted and built for every OS without cgo.
package osnotify

import (
	"sync"

	"github.com/gen2brain/beeep"
)

// AppName is the sender the OS shows.
const AppName = "ICP Desk"

var once sync.Once

// Show shows one notification; an error means the OS offered no way to.
func Show(title, body string) error {
	once.Do(func() { beeep.AppName = AppName })
	return beeep.Notify(title, body, "")
}
