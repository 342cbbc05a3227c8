import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { writeFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { startApp, artifacts } from './harness.mjs'

let app
after(async () => {
  await app?.stop()
  if (app?.workspaceDir) rmSync(app.workspaceDir, { recursive: true, force: true })
})

// When the backup taken on open cannot be made (here the backups folder is
// blocked by a file; a full disk behaves the same), the workspace opens all
// the same and the home view tells the clerk that no backup was made.
test('a workspace whose start-up backup fails opens, and says no backup was made', async () => {
  app = await startApp()
  await app.page.getByTestId('home-empty').waitFor()
  await app.stopKeepingWorkspace()
  writeFileSync(join(app.workspaceDir, 'backups'), 'a file where the backups folder should be')
  app = await startApp({ workspaceDir: app.workspaceDir })
  const { page } = app
  const banner = page.getByTestId('backup-skipped')
  await banner.waitFor()
  assert.match(await banner.innerText(), /打开工作区时没有做备份：.*backups/)
  // Work goes on: a new application can be made.
  await page.getByTestId('new-application').click()
  await page.locator('[data-testid="new-application-form"][data-loaded="true"]').waitFor()
  await page.getByTestId('create-application').click()
  await page.getByTestId('form-type').waitFor()
  await page.locator('[data-testid="nav"] .n-menu-item').first().click()
  await banner.waitFor()
  await page.getByTestId('application-row').waitFor()
  await page.screenshot({ path: join(artifacts, 'e2e-backup-skipped.png') })
  assert.deepEqual(app.pageErrors, [])
})
