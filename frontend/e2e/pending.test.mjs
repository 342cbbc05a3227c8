// Issue 15, "待处理 that reaches zero": hand-checks are ticked off one by one
// (recorded with the time, undoable, kept after a reload), nothing is listed
// twice, no message has a hole, and readiness follows a new checklist at once
// — on the review step and, after a batch print, in the applications list.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { startApp, artifacts } from './harness.mjs'
import { goHome, openFromList as open, step } from './form.mjs'

const example = JSON.parse(readFileSync(resolve(import.meta.dirname, '..', '..', 'docs', 'examples', 'application.json'), 'utf8'))

let app
before(async () => {
  app = await startApp()
})
after(async () => {
  await app?.stop()
})

async function create(page, client, patches) {
  return page.evaluate(async ([c, ps]) => {
    const v = await window.go.app.FilingService.NewApplication(0, c)
    await window.go.app.FilingService.SaveDraft(v.record.id, ps)
    return v.record.id
  }, [client, patches]).then(async (id) => {
    await page.reload() // the list shows what the bindings made
    return id
  })
}

const texts = (loc) => loc.allInnerTexts().then((xs) => xs.map((x) => x.replace(/\s+/g, ' ').trim()))

test('a Guangdong draft lists each requirement once and no sentence with a hole', async () => {
  const { page } = app
  await page.getByTestId('home-empty').waitFor()
  const id = await create(page, '粤客户', [
    { path: 'entity.province', value: 'guangdong' },
    { path: 'entity.nature', value: 'enterprise' },
    // A domain but no entity name yet: the holder reminder must not show a hole.
    { path: 'websites.0.domains', value: ['hengtong-steel.cn'] },
  ])
  await open(page, id)
  await step(page, 'review')
  const panel = page.getByTestId('findings-panel')
  await panel.getByTestId('panel-finding').first().waitFor()

  for (const [where, loc] of [['panel', panel.getByTestId('panel-finding')], ['review', page.getByTestId('review-handwork')]]) {
    const xs = await texts(loc)
    assert.ok(xs.length > 0, where)
    assert.deepEqual(xs.filter((x, i) => xs.indexOf(x) !== i), [], `${where} lists an item twice`)
    for (const x of xs) assert.doesNotMatch(x, /（；|（）|\{|\[/, `${where}: a hole in "${x}"`)
  }
  // The Guangdong items that used to appear twice on the review step (the
  // province's hints were added to the findings that already held them).
  const province = await page.locator('[data-testid="review-handwork"][data-rule^="province."]').evaluateAll((els) => els.map((e) => e.dataset.rule))
  assert.ok(province.includes('province.review_time') && province.includes('province.electronic_verification'), `${province}`)
  for (const rule of ['province.review_time', 'province.electronic_verification']) {
    assert.equal(province.filter((r) => r === rule).length, 1, rule)
  }
  assert.match(await texts(page.locator('[data-testid="panel-finding"][data-rule="confirm.domain_holder"]')).then((x) => x[0]), /与主办单位一致，/)
  assert.deepEqual(app.pageErrors, [])
})

test('the clerk ticks off every hand-check until 待处理 reaches zero; the ticks are kept and undoable', async () => {
  const { page } = app
  const id = await create(page, '云帆科技', [{ path: '', value: example }])
  await open(page, id)
  await step(page, 'review')
  const panel = page.getByTestId('findings-panel')
  const rows = panel.getByTestId('panel-finding')
  await rows.first().waitFor()
  const n = await rows.count()
  assert.ok(n >= 10, `only ${n} hand-checks listed`)
  // Every one is a hand-check with a tick box (nothing blocks in the example).
  assert.equal(await panel.locator('[data-testid="panel-finding"] [data-testid="confirm-toggle"]').count(), n)

  for (let left = n; left > 0; left--) {
    await rows.first().getByTestId('confirm-toggle').click()
    await page.waitForFunction((k) => document.querySelectorAll('[data-testid="findings-panel"] [data-testid="panel-finding"]').length === k, left - 1)
  }
  await panel.getByTestId('findings-none').waitFor()
  assert.equal(await panel.getByTestId('findings-confirmed').innerText().then((x) => x.trim()), `▸ 已确认 ${n} 项`)
  // Ticks are not edits: the application is still a draft that saved nothing new.
  await page.screenshot({ path: join(artifacts, 'pending-zero.png') })

  // Kept in the application: the app reopens on it with nothing pending.
  await page.reload()
  await page.getByTestId('steps').waitFor()
  assert.match(await page.getByTestId('app-title').innerText(), /北京云帆科技有限公司/)
  await panel.getByTestId('findings-none').waitFor().catch(async (err) => {
    await page.screenshot({ path: join(artifacts, 'pending-after-reload.png') })
    throw new Error(`${err.message}\npanel: ${await panel.innerText()}`)
  })

  // Undo one: it is pending again, with the time of the tick shown until then.
  await panel.getByTestId('show-confirmed').click()
  const first = panel.getByTestId('panel-confirmed').first()
  assert.match(await first.getByTestId('confirm-toggle').getAttribute('title'), /^已确认（\d{4}-\d\d-\d\d \d\d:\d\d），点击撤销$/)
  await first.getByTestId('confirm-toggle').click()
  await rows.first().waitFor()
  assert.equal(await rows.count(), 1)
  assert.equal(await panel.getByTestId('findings-count').getAttribute('data-count'), '1')
  assert.deepEqual(app.pageErrors, [])
})

test('readiness follows a new checklist at once, and the list follows a batch print', async () => {
  const { page } = app
  const id = await create(page, '云帆科技', [{ path: '', value: example }])
  await open(page, id)
  await step(page, 'review')
  const items = page.getByTestId('readiness-item')
  await items.filter({ hasText: 'yunfan-tech.cn 的核验单尚未生成' }).waitFor()
  await page.getByTestId('checklist-w1').getByTestId('checklist-generate').click()
  // Without leaving the step.
  await items.filter({ hasText: 'yunfan-tech.cn 的核验单尚未生成' }).waitFor({ state: 'detached' })
  await items.filter({ hasText: 'yunfandocs.com 的核验单尚未生成' }).waitFor()

  // The list says one checklist is still to make; a batch print makes it.
  await goHome(page)
  const row = page.locator(`[data-testid="application-row"][data-id="${id}"]`)
  await row.waitFor()
  const checklists = row.locator('[data-testid="row-missing"] [data-kind="checklists"]')
  assert.equal(await checklists.getAttribute('data-count'), '1')
  await row.locator('.n-checkbox').click()
  await page.getByTestId('batch-print').click()
  await checklists.waitFor({ state: 'detached' })
  assert.doesNotMatch(await row.getByTestId('row-missing').getAttribute('data-summary'), /核验单/)
  assert.deepEqual(app.pageErrors, [])
})
