package app

import (
	"os"
	"path/filepath"
	"strings"
)

// EnvWorkspace overrides the workspace file (tests and power users).
const EnvWorkspace = "ICPDESK_WORKSPACE"

// dataDir is the per-user ICP Desk directory (created 0700 on first write).
// With a workspace override the preferences live beside that workspace, so a
// test run never touches the user's real settings.
func dataDir(workspace string) (string, error) {
	if workspace != "" {
		return filepath.Dir(workspace), nil
	}
	base, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(base, "ICPDesk"), nil
}

// workspaceFromArgs returns the workspace path from --workspace/-workspace
// (as "-workspace path" or "-workspace=path") or from ICPDESK_WORKSPACE. The
// arguments are scanned by hand because Wails' dev mode parses os.Args with
// its own flag set.
func workspaceFromArgs(args []string) string {
	for i, a := range args {
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || name != "workspace" {
			continue
		}
		if hasValue {
			return value
		}
		if i+1 < len(args) {
			return args[i+1]
		}
	}
	return os.Getenv(EnvWorkspace)
}

// defaultWorkspace is the workspace opened when none is given.
func defaultWorkspace(dir string) string {
	return filepath.Join(dir, "workspace.icpdesk")
}
