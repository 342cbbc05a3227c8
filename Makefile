# ICP Desk — the README's two commands are `make run` and `make test`; each
# installs what it needs first (Debian packages when root, npm ci, Wails CLI).
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := run

WAILS_VERSION := v2.16.0
GOBIN := $(shell go env GOPATH)/bin
WAILS := $(GOBIN)/wails
UNAME := $(shell uname -s)
ifeq ($(UNAME),Linux)
  TAGS := webkit2_41
endif
# One version from the git tag (scripts/version.sh): the app, the CLI, the
# installers and wails.json's productVersion (set at build time only).
VERSION := $(shell scripts/version.sh)
export VERSION
LDFLAGS := -X icpdesk/backend.Version=$(VERSION)
# go test's default 10-minute limit per package is not enough for the photo
# package under -race on a busy 2-core machine (it took > 10 min at a load of 18);
# CI's own limit (90 min for everything) still bounds a hang.
GO_TEST_FLAGS ?= -race -count=1 -timeout 40m
BIN := build/bin/icpdesk
# What `make run` starts: on macOS wails build makes an .app bundle.
ifeq ($(UNAME),Darwin)
  RUN_BIN := build/bin/ICP Desk.app/Contents/MacOS/icpdesk
else
  RUN_BIN := $(BIN)
endif
E2E_BIN := build/bin/icpdesk-e2e

FRONTEND_SRC := $(shell find frontend/src frontend/public -type f 2>/dev/null) frontend/index.html frontend/vite.config.ts frontend/tsconfig.json
APP_GO := $(shell find app -name '*.go' 2>/dev/null) $(shell find backend -name '*.go' -not -name '*_test.go' 2>/dev/null)

.PHONY: run build build-windows build-macos test test-platform test-go test-team test-frontend test-e2e test-smoke bench deps deps-test lint clean

## Set-up -----------------------------------------------------------------

deps: ## build dependencies: Debian packages, node_modules, Wails CLI
	@scripts/ensure-system-deps.sh build
	@$(MAKE) --no-print-directory frontend/node_modules/.package-lock.json $(WAILS)

deps-test:
	@scripts/ensure-system-deps.sh test
	@$(MAKE) --no-print-directory frontend/node_modules/.package-lock.json $(WAILS)

frontend/node_modules/.package-lock.json: frontend/package-lock.json frontend/package.json
	cd frontend && npm ci --no-audit --no-fund
	@touch $@

$(WAILS):
	go install github.com/wailsapp/wails/v2/cmd/wails@$(WAILS_VERSION)

# Reinstall the CLI when another version is on the PATH's GOBIN.
.PHONY: wails-version
wails-version:
	@$(WAILS) version 2>/dev/null | grep -q '$(WAILS_VERSION)' || go install github.com/wailsapp/wails/v2/cmd/wails@$(WAILS_VERSION)

## Build ------------------------------------------------------------------

frontend/wailsjs/go/models.ts: $(APP_GO) | $(WAILS)
	@$(WAILS) generate module -tags "$(TAGS)" >/tmp/icpdesk-bindings.log 2>&1 || { cat /tmp/icpdesk-bindings.log; exit 1; }
	@touch $@

frontend/dist/index.html: $(FRONTEND_SRC) frontend/wailsjs/go/models.ts frontend/node_modules/.package-lock.json
	cd frontend && npm run build --silent
	@touch frontend/dist/.gitkeep

# Always handed to the Go toolchain: its build cache decides what is stale.
$(BIN): frontend/dist/index.html FORCE
	WAILS=$(WAILS) scripts/wails-build.sh -s -m -trimpath -tags "$(TAGS)" -ldflags "$(LDFLAGS)" >/dev/null
	@echo "built $(BIN)"

build: deps wails-version $(BIN) ## production binary in build/bin/

run: build ## build and open the app
	"./$(RUN_BIN)"

# WEBVIEW2_INSTALLER=path embeds Microsoft's offline Evergreen Standalone
# Installer in the installer (for IT departments).
build-windows: ## Windows .exe, NSIS installer and portable ZIP (cross-built with mingw-w64 on Linux)
	@scripts/ensure-system-deps.sh windows
	@$(MAKE) --no-print-directory deps frontend/dist/index.html
	WAILS=$(WAILS) WEBVIEW2_INSTALLER="$(WEBVIEW2_INSTALLER)" scripts/build-windows.sh

build-macos: ## universal ICP Desk.app and .dmg (on a Mac; signing/notarisation when MACOS_SIGN_IDENTITY / MACOS_NOTARY_PROFILE are set)
	@$(MAKE) --no-print-directory deps wails-version frontend/dist/index.html
	WAILS=$(WAILS) scripts/build-macos.sh

## Tests ------------------------------------------------------------------

test: deps-test wails-version ## every test: Go (vet, race), frontend unit, e2e in Chromium, window smoke
	@$(MAKE) --no-print-directory lint test-go test-team test-frontend test-e2e test-smoke test-platform
	@echo "make test: all suites passed"

lint: frontend/dist/index.html
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); \
	  if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	go vet ./...

# Packages whose tests need a PostgreSQL server (they read ICPDESK_TEST_PG)
# run in test-team, with a throwaway server; test-go runs all the others.
PG_PKGS = $(sort $(patsubst %/,./%,$(dir $(shell grep -rl --include='*_test.go' ICPDESK_TEST_PG app backend cmd))))

# The photo package is image arithmetic: under -race its scene tables run ~15×
# slower (20 minutes at a load of 18) for nothing found, so it runs twice: in
# full without -race, and -short (the scene tables skipped) with it.
SHORT_RACE_PKGS = ./backend/photo

test-go: frontend/dist/index.html
	go test $(GO_TEST_FLAGS) $$(go list ./... | grep -v -x -F $(foreach p,$(PG_PKGS) $(SHORT_RACE_PKGS),-e icpdesk/$(patsubst ./%,%,$(p))))
	go test $(GO_TEST_FLAGS) -short $(SHORT_RACE_PKGS)
	go test $(filter-out -race,$(GO_TEST_FLAGS)) $(SHORT_RACE_PKGS)

test-team: ## the team workspace (PostgreSQL) tests, on a throwaway server
	scripts/with-postgres.sh go test $(GO_TEST_FLAGS) $(PG_PKGS)

test-frontend: frontend/wailsjs/go/models.ts frontend/node_modules/.package-lock.json
	cd frontend && npx vue-tsc --noEmit && npx vitest run

$(E2E_BIN): frontend/dist/index.html FORCE
	go build -tags "dev $(TAGS)" -ldflags "$(LDFLAGS)" -o $@ .

build/bin/icpdesk-cli: FORCE
	go build -o $@ ./cmd/icpdesk-cli

# Under a throwaway PostgreSQL: e2e/team.test.mjs runs two app instances on
# one team workspace.
test-e2e: $(E2E_BIN) build/bin/icpdesk-cli
	cd frontend && ../scripts/with-postgres.sh npm run --silent e2e

test-smoke: build
	scripts/smoke.sh $(BIN)
	scripts/window-draft.sh $(BIN)

# Windows and macOS from Linux: cross-compiled vet and test binaries, a
# Windows build with its version resource, manifest, installer and ZIP, the
# installer script, the plists, and actionlint on the release workflow.
test-platform: frontend/dist/index.html | $(WAILS)
	WAILS=$(WAILS) scripts/check-platform.sh

bench: deps-test $(E2E_BIN) build ## benchmarks (the team workspace's on a throwaway PostgreSQL, fsync on), then the clerk's waits in the browser and in the real window; figures go to docs/bench.md
	scripts/with-postgres.sh --durable go test -run '^$$' -bench . -benchmem ./...
	cd frontend && node e2e/bench.mjs
	scripts/window-bench.sh $(BIN)

FORCE:

clean:
	rm -rf build/bin frontend/dist/assets frontend/dist/index.html frontend/wailsjs test-artifacts
