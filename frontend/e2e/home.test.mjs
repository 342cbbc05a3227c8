import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { startApp, artifacts } from './harness.mjs'

let app
before(async () => {
  app = await startApp()
})
after(async () => {
  await app?.stop()
})

test('home opens in zh-CN with an empty state', async () => {
  const { page } = app
  await page.getByTestId('home-empty').waitFor()
  assert.equal(await page.getByTestId('app-name').innerText(), 'ICP备案助手')
  assert.match(await page.getByTestId('home-empty').innerText(), /还没有申请/)
  assert.equal(await page.getByTestId('new-application').innerText(), '新建申请')
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN')
  await page.screenshot({ path: join(artifacts, 'e2e-home-zh.png') })
})

test('a Go binding round-trip returns the app info', async () => {
  const { page } = app
  // The version line is filled from SystemService.Info over the Wails bridge.
  await page.getByTestId('app-version').waitFor()
  assert.match(await page.getByTestId('app-version').innerText(), /^版本 \S+/)
  const info = await page.evaluate(() => window.go.app.SystemService.Info())
  assert.equal(info.name, 'ICP Desk')
  assert.match(info.workspace, /workspace\.icpdesk$/)
  assert.ok(info.workspace.startsWith(app.workspaceDir), `workspace ${info.workspace} is the test's own`)
})

test('switching to English changes the texts and is remembered after a reload', async () => {
  const { page } = app
  await page.getByTestId('language-switch').click()
  await page.getByText('English', { exact: true }).click()
  await page.getByText('No applications yet').waitFor()
  assert.equal(await page.getByTestId('new-application').innerText(), 'New application')
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en')
  await page.screenshot({ path: join(artifacts, 'e2e-home-en.png') })

  await page.reload()
  await page.getByText('No applications yet').waitFor()
  assert.equal(await page.getByTestId('app-name').innerText(), 'ICP Desk')

  // And back: the preference is stored by Go, not by the page.
  await page.getByTestId('language-switch').click()
  await page.getByText('简体中文', { exact: true }).click()
  await page.getByText('还没有申请').waitFor()
})

test('a bad language from the page is refused with a coded error', async () => {
  const { page } = app
  // The runtime rejects with an Error whose message is the JSON from app/errors.go.
  const message = await page.evaluate(() =>
    window.go.app.SystemService.SetLanguage('fr').then(
      () => null,
      (e) => e.message,
    ),
  )
  const parsed = JSON.parse(message)
  assert.equal(parsed.code, 'invalid')
  assert.equal(parsed.field, 'language')
})

test('an agency records a client: the name typed on creation, then contact, phone and notes', async () => {
  const { page } = app
  await page.getByTestId('new-application').click()
  const name = page.getByTestId('client-name').locator('input')
  assert.equal(await name.inputValue(), '', 'the name starts empty, so typing gives the whole name')
  await name.pressSequentially('青禾文化传媒')
  await page.getByTestId('create-application').click()
  await page.getByTestId('form-type').waitFor()

  await page.getByTestId('nav').getByText('客户', { exact: true }).click()
  const row = page.getByTestId('client-row').filter({ hasText: '青禾文化传媒' })
  await row.waitFor()
  await row.getByTestId('client-edit').click()
  const dialog = page.getByTestId('client-dialog')
  await dialog.waitFor()
  await dialog.getByTestId('client-edit-contact').locator('input').fill('王五')
  await dialog.getByTestId('client-edit-phone').locator('input').fill('13800001111')
  await dialog.getByTestId('client-edit-notes').locator('textarea').fill('每年 3 月续费服务器')
  // A client needs a name: emptied, it cannot be saved.
  await dialog.getByTestId('client-edit-name').locator('input').fill(' ')
  assert.equal(await dialog.getByTestId('client-save').isDisabled(), true)
  await dialog.getByText('请填写客户名称。').waitFor()
  await dialog.getByTestId('client-edit-name').locator('input').fill('青禾文化传媒（杭州）')
  await dialog.getByTestId('client-save').click()
  await dialog.waitFor({ state: 'hidden' })
  await page.getByTestId('client-row').filter({ hasText: '青禾文化传媒（杭州）' }).filter({ hasText: '王五' }).filter({ hasText: '13800001111' }).waitFor()

  // Stored by Go: still there after a reload, and found by its notes.
  await page.reload()
  await page.getByTestId('nav').getByText('客户', { exact: true }).click()
  // Wait for the list to load and for the filter to apply (conditions, not time):
  // counting right after typing raced the load on a busy machine.
  const rows = page.getByTestId('client-row')
  await rows.filter({ hasText: '青禾文化传媒（杭州）' }).waitFor()
  const rowCount = (n) => page.waitForFunction((n) => document.querySelectorAll('[data-testid="client-row"]').length === n, n)
  await page.getByPlaceholder('搜索客户').fill('没有这个客户')
  await rowCount(0)
  await page.getByPlaceholder('搜索客户').fill('续费')
  await rowCount(1)
  assert.match(await rows.innerText(), /青禾文化传媒（杭州）[\s\S]*王五/)
  await page.screenshot({ path: join(artifacts, 'e2e-clients.png') })
  assert.deepEqual(app.pageErrors, [])
})

test('the list filters by client, status and type, sorts, and pages through many applications', async () => {
  const { page } = app
  // 55 more drafts for another client, made through the same Go binding the dialog uses.
  await page.evaluate(async () => {
    const first = await window.go.app.FilingService.NewApplication(0, '星河网络')
    for (let i = 1; i < 55; i++) await window.go.app.FilingService.NewApplication(first.record.clientId, '')
  })
  await page.reload()
  await page.getByTestId('nav').getByText('全部申请', { exact: true }).click()
  await page.getByTestId('pager').waitFor()
  assert.equal(await page.getByTestId('application-row').count(), 50)
  await page.getByTestId('pager').getByText('2', { exact: true }).click()
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="application-row"]').length === 6)

  // One client: only its application, and no pager.
  await page.getByTestId('filter-client').click()
  await page.locator('.n-base-select-option', { hasText: '青禾文化传媒（杭州）' }).click()
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="application-row"]').length === 1)
  assert.equal(await page.getByTestId('pager').count(), 0)
  assert.match(await page.getByTestId('application-row').innerText(), /青禾文化传媒（杭州）/)

  // A status nobody has: nothing; then 草稿 again.
  await page.getByTestId('filter-status').click()
  await page.locator('.n-base-select-option', { hasText: '已备案' }).click()
  await page.keyboard.press('Escape')
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="application-row"]').length === 0)
  assert.equal(await page.getByTestId('home-empty').count(), 0, 'a filter with no match is not the empty workspace')
  await page.getByTestId('filter-status').locator('.n-base-clear').click({ force: true })
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="application-row"]').length === 1)
  await page.screenshot({ path: join(artifacts, 'e2e-home-filters.png') })
  assert.deepEqual(app.pageErrors, [])
})
