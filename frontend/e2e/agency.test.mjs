// Issue 15, "Agency lists": a new client from the clients screen, whole
// domains in the list, 待处理 on one line, one "clear all filters", and 删除
// that asks first.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { startApp, artifacts } from './harness.mjs'
import { goHome } from './form.mjs'

const example = JSON.parse(readFileSync(resolve(import.meta.dirname, '..', '..', 'docs', 'examples', 'application.json'), 'utf8'))

let app
before(async () => {
  app = await startApp()
})
after(async () => {
  await app?.stop()
})

const rows = (page) => page.getByTestId('application-row')
const rowCount = (page, n) => page.waitForFunction((k) => document.querySelectorAll('[data-testid="application-row"]').length === k, n)

test('客户 has 新建客户: the client is created with its contact, and offered when filtering', async () => {
  const { page } = app
  await page.getByTestId('home-empty').waitFor()
  await page.getByTestId('nav').getByText('客户', { exact: true }).click()
  await page.getByTestId('new-client').click()
  const dialog = page.getByTestId('client-dialog')
  await dialog.getByText('新建客户').first().waitFor()
  assert.equal(await dialog.getByTestId('client-edit-name').locator('input').inputValue(), '')
  assert.equal(await dialog.getByTestId('client-save').isDisabled(), true, 'a client needs a name')
  await dialog.getByTestId('client-edit-name').locator('input').fill('恒通钢铁集团')
  await dialog.getByTestId('client-edit-contact').locator('input').fill('赵六')
  await dialog.getByTestId('client-save').click()
  await dialog.waitFor({ state: 'hidden' })
  await page.getByTestId('client-row').filter({ hasText: '恒通钢铁集团' }).filter({ hasText: '赵六' }).waitFor()
  const stored = await page.evaluate(() => window.go.app.WorkspaceService.ListClients())
  assert.deepEqual(stored.map((c) => c.name), ['恒通钢铁集团'])
})

test('the list shows whole domains, 待处理 on one line, clears all filters at once, and asks before 删除', async () => {
  const { page } = app
  const long = 'hengtong-steel-group-holdings.com.cn'
  await page.evaluate(async ([doc, d]) => {
    const [client] = await window.go.app.WorkspaceService.ListClients()
    const a = await window.go.app.FilingService.NewApplication(client.id, '')
    doc.websites[0].domains = [d, 'hengtong-steel.cn', 'htsteel.cn']
    await window.go.app.FilingService.SaveDraft(a.record.id, [{ path: '', value: doc }])
    await window.go.app.FilingService.NewApplication(0, '星河网络')
  }, [example, long])
  await page.reload()
  await goHome(page)
  await rowCount(page, 2)
  const row = rows(page).filter({ hasText: '北京云帆科技有限公司' })

  // The whole first domain, and the others as a count with the names on hover.
  assert.equal(await row.getByTestId('row-domain').innerText(), long)
  // The second website's domain counts too: 3 + 1 others.
  assert.equal(await row.getByTestId('row-more-domains').innerText(), '另 3 个')
  await row.getByTestId('row-more-domains').hover()
  await page.locator('.n-tooltip').filter({ hasText: 'htsteel.cn' }).waitFor()

  // 待处理 on one line: icons with counts; the sentences on hover.
  const todo = row.getByTestId('row-missing')
  const box = await todo.boundingBox()
  assert.ok(box.height < 24, `待处理 takes ${box.height}px`)
  assert.equal(await todo.locator('[data-kind="checklists"]').getAttribute('data-count'), '2')
  await todo.hover()
  await page.locator('.n-tooltip').filter({ hasText: '2 份核验单待生成' }).waitFor()
  await page.screenshot({ path: join(artifacts, 'e2e-home-rows.png') })

  // Filters and search, then one click clears them all.
  await page.getByTestId('search').locator('input').fill('云帆')
  await rowCount(page, 1)
  await page.getByTestId('filter-status').click()
  await page.locator('.n-base-select-option', { hasText: '草稿' }).click()
  await page.keyboard.press('Escape')
  await page.getByTestId('clear-filters').click()
  await rowCount(page, 2)
  assert.equal(await page.getByTestId('search').locator('input').inputValue(), '')
  assert.equal(await page.getByTestId('clear-filters').count(), 0)

  // 删除 asks first: cancelled, nothing moves; confirmed, it goes to the trash.
  const other = rows(page).filter({ hasText: '星河网络' })
  await other.getByTestId('row-trash').click()
  const pop = page.locator('.n-popconfirm')
  await pop.getByText('移到回收站？').waitFor()
  await pop.getByRole('button', { name: '取消' }).click()
  await pop.waitFor({ state: 'hidden' })
  assert.equal(await rows(page).count(), 2)
  await other.getByTestId('row-trash').click()
  await page.locator('.n-popconfirm').getByRole('button', { name: '移到回收站' }).click()
  await rowCount(page, 1)
  assert.deepEqual(app.pageErrors, [])
})
