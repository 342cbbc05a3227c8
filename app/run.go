// Package app is the Wails shell: window options, lifecycle, the single-instance
// lock, the error formatter and the services bound to the frontend. It is the
// only package that imports Wails; the domain lives in backend/.
package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"log"
	"os"
	"path/filepath"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"
	"github.com/wailsapp/wails/v2/pkg/options/mac"
	"github.com/wailsapp/wails/v2/pkg/options/windows"
	wruntime "github.com/wailsapp/wails/v2/pkg/runtime"

	"icpdesk/backend"
	"icpdesk/backend/prefs"
)

// Icons are the app's icon in the sizes the platforms use: App (the 512 px
// build/appicon.png) in macOS's About box, Window for the Linux window. GTK
// decodes the window's icon on the main thread before the page starts to load:
// the 512 px 16-bit PNG took 7–20 ms there, a 128 px 8-bit one under 1 ms.
type Icons struct{ App, Window []byte }

// Run starts the desktop app with the built frontend in assets.
func Run(assets fs.FS, icons Icons, args []string) error {
	if err := loadData(); err != nil {
		return err
	}
	workspace := workspaceFromArgs(args)
	// A file named on the command line (a double-clicked .icpdesk) opens as
	// asked; ICPDESK_WORKSPACE only says where the local workspace lives, so
	// the last team workspace is still reopened then.
	explicit := workspace != "" && workspace != os.Getenv(EnvWorkspace)
	dir, err := dataDir(workspace)
	if err != nil {
		return err
	}
	p := prefs.Open(filepath.Join(dir, "prefs.json"))
	if workspace == "" {
		// Reopen the workspace the clerk last switched to, if it still exists.
		if last := p.Load().LastWorkspace; last != "" {
			if _, err := os.Stat(last); err == nil {
				workspace = last
			}
		}
	}
	if workspace == "" {
		workspace = defaultWorkspace(dir)
	}
	if abs, err := filepath.Abs(workspace); err == nil {
		workspace = abs
	}
	system := &SystemService{prefs: p, workspace: workspace}
	clock := backend.SystemClock{}
	holder := &workspaceHolder{clock: clock, starting: make(chan struct{})}
	workspaces := &WorkspaceService{h: holder, prefs: p}
	filing := &FilingService{h: holder, clock: clock}
	checklists := &ChecklistService{h: holder, clock: clock}
	photos := newPhotoService(holder)
	submits := &SubmitService{h: holder, clock: clock}
	lang := p.Load().Language
	native, err := setNativeLanguage(lang)
	if err != nil {
		return err
	}
	if err := requireWebView2(native); err != nil {
		return err
	}

	return wails.Run(&options.App{
		Title:     native.Dialogs[textWindow],
		Width:     1280,
		Height:    800,
		MinWidth:  1024,
		MinHeight: 700,
		AssetServer: &assetserver.Options{
			Assets:  assets,
			Handler: newMediaHandler(holder).mount(PhotoMediaPrefix, photos.media()),
		},
		BackgroundColour: &options.RGBA{R: 250, G: 250, B: 252, A: 1},
		// Dropped files arrive as paths (runtime.OnFileDrop) on the element whose
		// --wails-drop-target is "drop": the photo slot under the cursor.
		DragAndDrop: &options.DragAndDrop{EnableFileDrop: true, DisableWebViewDrop: true},
		OnStartup: func(ctx context.Context) {
			system.ctx, workspaces.ctx, filing.ctx, checklists.ctx, photos.ctx, submits.ctx = ctx, ctx, ctx, ctx, ctx, ctx
			holder.emit = func(name string, data any) { wruntime.EventsEmit(ctx, name, data) }
			holder.startUp(ctx, p.Load(), workspace, explicit, holder.openTeam)
		},
		OnBeforeClose: func(ctx context.Context) bool {
			return system.close.beforeClose(ctx, emitEvent, wruntime.Quit)
		},
		OnShutdown: func(context.Context) { holder.close() },
		// One running app per workspace: a second launch on the same file
		// focuses the first window instead of opening the database twice.
		SingleInstanceLock: &options.SingleInstanceLock{
			UniqueId: "icpdesk-" + shortHash(workspace),
			OnSecondInstanceLaunch: func(options.SecondInstanceData) {
				if system.ctx != nil {
					wruntime.WindowUnminimise(system.ctx)
					wruntime.Show(system.ctx)
				}
			},
		},
		ErrorFormatter: formatError,
		Bind:           []any{system, workspaces, filing, checklists, photos, submits},
		Linux:          &linux.Options{Icon: icons.Window, ProgramName: "icpdesk", WebviewGpuPolicy: linux.WebviewGpuPolicyNever},
		Mac:            &mac.Options{About: &mac.AboutInfo{Title: "ICP Desk", Message: native.Dialogs[textWindow] + " " + backend.Version, Icon: icons.App}},
		Windows:        &windows.Options{Messages: &native.Wails},
	})
}

// setWindowTitle switches the window title and the file dialogs' texts to
// lang (the language setting).
func setWindowTitle(ctx context.Context, lang string) {
	if _, err := setNativeLanguage(lang); err != nil {
		log.Printf("native texts for %q: %v", lang, err)
		return
	}
	if ctx != nil {
		wruntime.WindowSetTitle(ctx, nativeString(textWindow))
	}
}

func shortHash(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:6])
}

func dirOf(p string) string { return filepath.Dir(p) }
