package backend

// Version is ICP Desk's version, one for the app, the CLI, the installer and
// the package manifests. `make` sets it from `git describe --tags` with
// -ldflags "-X icpdesk/backend.Version=…"; a plain `go build` says "dev".
var Version = "dev"
