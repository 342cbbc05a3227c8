import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdtempSync, openSync, writeSync, closeSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startApp, artifacts } from './harness.mjs'

// A disk with not one byte left (a small tmpfs, which needs root): the
// workspace opens all the same, lists what it holds, and the home view says
// that nothing can be saved until space is freed; once it is, work goes on.
const root = process.getuid?.() === 0 && process.platform === 'linux'

let app
let disk
after(async () => {
  await app?.stop()
  if (disk) {
    try {
      execFileSync('umount', ['-l', disk])
    } catch {
      /* not mounted */
    }
    rmSync(disk, { recursive: true, force: true })
  }
  if (app?.workspaceDir) rmSync(app.workspaceDir, { recursive: true, force: true })
})

// fill writes until the disk refuses even a single byte.
function fill(path) {
  const fd = openSync(path, 'w')
  const chunk = Buffer.alloc(64 << 10)
  try {
    for (;;) writeSync(fd, chunk)
  } catch (e) {
    if (e.code !== 'ENOSPC') throw e
  }
  for (;;) {
    try {
      writeSync(fd, chunk, 0, 1)
    } catch (e) {
      if (e.code !== 'ENOSPC') throw e
      break
    }
  }
  closeSync(fd)
}

test('a workspace on a full disk opens, and says nothing can be saved until space is freed', { skip: !root && 'mounting a small tmpfs needs root on Linux' }, async (t) => {
  disk = mkdtempSync(join(tmpdir(), 'icpdesk-e2e-full-'))
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', disk], { stdio: 'pipe' })
  } catch (e) {
    t.skip(`cannot mount a tmpfs here (a container without CAP_SYS_ADMIN?): ${e.message}`)
    return
  }
  app = await startApp()
  let { page } = app
  await page.getByTestId('home-empty').waitFor()
  await page.getByTestId('new-application').click()
  await page.locator('[data-testid="new-application-form"][data-loaded="true"]').waitFor()
  await page.getByTestId('create-application').click()
  await page.getByTestId('form-type').waitFor()
  // A backup is the workspace whole in one file (the app is stopped by a
  // signal, which leaves recent saves in the WAL; SQLite moves those into
  // the file on open, and the room that frees would spoil the full disk).
  const backup = await page.evaluate(() => window.go.app.WorkspaceService.Backup())
  const first = app.workspaceDir
  await app.stopKeepingWorkspace()

  copyFileSync(backup.path, join(disk, 'workspace.icpdesk'))
  rmSync(first, { recursive: true, force: true })
  const filler = join(disk, 'filler')
  fill(filler)

  app = await startApp({ workspaceDir: disk })
  page = app.page
  // It reopens the application last worked on, which reads as usual…
  await page.getByTestId('steps').waitFor()
  await page.getByTestId('form-type').waitFor()
  // …and the list says why nothing can be saved.
  await page.locator('[data-testid="nav"] .n-menu-item').first().click()
  const banner = page.getByTestId('workspace-state')
  await banner.waitFor()
  assert.match(await banner.innerText(), /磁盘已满：工作区已经打开.*无法保存任何修改/)
  await page.getByTestId('application-row').waitFor()
  await page.screenshot({ path: join(artifacts, 'e2e-disk-full.png') })

  // Space freed: a new application is saved, and the banner goes.
  rmSync(filler)
  await page.getByTestId('new-application').click()
  await page.locator('[data-testid="new-application-form"][data-loaded="true"]').waitFor()
  await page.getByTestId('create-application').click()
  await page.getByTestId('form-type').waitFor()
  await page.locator('[data-testid="nav"] .n-menu-item').first().click()
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="application-row"]').length === 2)
  await banner.waitFor({ state: 'detached' })
  assert.deepEqual(app.pageErrors, [])
})
