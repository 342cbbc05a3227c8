package store

import (
	"os"
	"path/filepath"

	"icpdesk/backend"
)

// EnvWorkspace overrides the default workspace path.
const EnvWorkspace = "ICPDESK_WORKSPACE"

// DefaultPath returns $ICPDESK_WORKSPACE, or <user config dir>/ICPDesk/
// workspace.icpdesk with its folder created private (0700).
func DefaultPath() (string, error) {
	if p := os.Getenv(EnvWorkspace); p != "" {
		return filepath.Abs(p)
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", backend.Wrap(backend.ECodeInternal, err)
	}
	dir = filepath.Join(dir, "ICPDesk")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fileErr(err)
	}
	_ = os.Chmod(dir, 0o700)
	return filepath.Join(dir, "workspace.icpdesk"), nil
}
