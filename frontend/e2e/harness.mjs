// Starts the real ICP Desk binary (built with the `dev` tag) under Xvfb with a
// fresh temporary workspace, and drives its page in Debian's Chromium through
// playwright-core. Every process started here is stopped by its process group,
// also when a test fails.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, existsSync, mkdirSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium } from 'playwright-core'

const root = resolve(import.meta.dirname, '..', '..')
export const artifacts = join(root, 'test-artifacts')

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const E2E_BIN = process.env.ICPDESK_E2E_BIN || join(root, 'build', 'bin', 'icpdesk-e2e')

function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer()
    srv.unref()
    srv.on('error', rej)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => res(port))
    })
  })
}

async function waitForHttp(url, proc, log, ms = 30000) {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`icpdesk-e2e exited with ${proc.exitCode}:\n${log()}`)
    try {
      const r = await fetch(url)
      if (r.ok) return
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`icpdesk-e2e did not serve ${url} within ${ms} ms:\n${log()}`)
}

function killGroup(proc) {
  if (!proc || proc.exitCode !== null) return Promise.resolve()
  return new Promise((res) => {
    const done = setTimeout(() => {
      try {
        process.kill(-proc.pid, 'SIGKILL')
      } catch {
        /* already gone */
      }
      res()
    }, 3000)
    proc.once('exit', () => {
      clearTimeout(done)
      res()
    })
    try {
      process.kill(-proc.pid, 'SIGTERM')
    } catch {
      clearTimeout(done)
      res()
    }
  })
}

/**
 * Starts the app. Options: workspaceDir to reuse a workspace (restart tests).
 * Returns { page, url, workspaceDir, stop(), restart() }.
 */
export async function startApp({ workspaceDir } = {}) {
  if (!existsSync(E2E_BIN)) throw new Error(`${E2E_BIN} is missing: run make test-e2e (it builds it)`)
  mkdirSync(artifacts, { recursive: true })
  const ownWorkspace = !workspaceDir
  const dir = workspaceDir ?? mkdtempSync(join(tmpdir(), 'icpdesk-e2e-'))
  const port = await freePort()
  const url = `http://127.0.0.1:${port}/`
  let output = ''
  const proc = spawn('xvfb-run', ['-a', '-s', '-screen 0 1280x1024x24', E2E_BIN], {
    cwd: root,
    detached: true, // own process group, so xvfb-run, Xvfb and the app stop together
    env: {
      ...process.env,
      devserver: `127.0.0.1:${port}`,
      // ICPDESK_E2E_ASSETS: another build of the frontend (the benchmark compares one).
      assetdir: process.env.ICPDESK_E2E_ASSETS || join(root, 'frontend', 'dist'),
      ICPDESK_WORKSPACE: join(dir, 'workspace.icpdesk'),
      // The e2e build answers save/folder dialogs with this folder (app/dialogs_dev.go).
      ICPDESK_E2E_DIALOG_DIR: join(dir, 'saved'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  proc.stdout.on('data', (d) => (output += d))
  proc.stderr.on('data', (d) => (output += d))
  const log = () => output.split('\n').slice(-40).join('\n')

  let browser
  try {
    await waitForHttp(url, proc, log)
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    })
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })
    const page = await context.newPage()
    const pageErrors = []
    page.on('pageerror', (e) => {
      // The Wails bridge shim logs this in browser mode; it is not a failure.
      if (!String(e.message).includes("reading 'nodes'")) pageErrors.push(e)
    })
    // The app's own error handler reports what a handler threw (see src/main.ts).
    page.on('console', (m) => {
      if (m.type() === 'error' && m.text().startsWith('[icpdesk]')) pageErrors.push(new Error(m.text()))
    })
    await page.goto(url)
    const stop = async () => {
      await browser?.close().catch(() => {})
      await killGroup(proc)
      if (ownWorkspace && !process.env.KEEP_E2E_WORKSPACE) rmSync(dir, { recursive: true, force: true })
    }
    return { page, url, workspaceDir: dir, pageErrors, log, stop, stopKeepingWorkspace: async () => {
      await browser?.close().catch(() => {})
      await killGroup(proc)
    } }
  } catch (err) {
    await browser?.close().catch(() => {})
    await killGroup(proc)
    if (ownWorkspace) rmSync(dir, { recursive: true, force: true })
    throw err
  }
}
