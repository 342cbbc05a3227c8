// Command icpdesk is the ICP Desk desktop app: it prepares Chinese ICP filings
// (ICP备案) for websites hosted on Tencent Cloud. See README.md.
package main

import (
	"embed"
	"fmt"
	"io/fs"
	"os"

	"icpdesk/app"
)

//go:embed all:frontend/dist
var dist embed.FS

//go:embed build/appicon.png
var icon []byte

// The Linux window's icon: appicon.png at 128 px, 8-bit (TestWindowIconIsTheAppIcon).
//
//go:embed build/linux/window-icon.png
var windowIcon []byte

func main() {
	assets, err := fs.Sub(dist, "frontend/dist")
	if err == nil {
		err = app.Run(assets, app.Icons{App: icon, Window: windowIcon}, os.Args[1:])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "icpdesk:", err)
		os.Exit(1)
	}
}
