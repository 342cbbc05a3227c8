// Issue 15, "Look": menus opaque from their first frame, ⓘ hints reachable
// by Tab, and no Chinese punctuation or glued words left in the English review.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { startApp, artifacts } from './harness.mjs'
import { openFromList, step } from './form.mjs'

const example = JSON.parse(readFileSync(resolve(import.meta.dirname, '..', '..', 'docs', 'examples', 'application.json'), 'utf8'))

let app
let id
before(async () => {
  app = await startApp()
  const { page } = app
  await page.getByTestId('home-empty').waitFor()
  id = await page.evaluate(async (doc) => {
    doc.entity.province = 'guangdong' // problems to list, in a province with extra rules
    const v = await window.go.app.FilingService.NewApplication(0, '外观')
    await window.go.app.FilingService.SaveDraft(v.record.id, [{ path: '', value: doc }])
    return v.record.id
  }, example)
  await page.reload()
})
after(async () => {
  await app?.stop()
})

test('the status filter menu is opaque from the first frame it shows', async () => {
  const { page } = app
  await page.locator('[data-testid="nav"] .n-menu-item').first().click()
  await page.getByTestId('application-row').first().waitFor()
  await page.evaluate(() => {
    window.__menu = undefined
    const tick = () => {
      const m = document.querySelector('.n-base-select-menu')
      if (m) window.__menu = { opacity: getComputedStyle(m).opacity, background: getComputedStyle(m).backgroundColor }
      else requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
  })
  await page.getByTestId('filter-status').click()
  await page.waitForFunction(() => window.__menu)
  const first = await page.evaluate(() => window.__menu)
  assert.equal(first.opacity, '1', `the menu opened at opacity ${first.opacity}`)
  assert.match(first.background, /^rgb\(/, `background ${first.background} is not opaque`)
  await page.keyboard.press('Escape')
})

test('ⓘ hints are reached by Tab and show their text on focus', async () => {
  const { page } = app
  await openFromList(page, id)
  await step(page, 'entity')
  await page.getByTestId('form-entity').click({ position: { x: 5, y: 5 } })
  let reached = false
  for (let i = 0; i < 40 && !reached; i++) {
    await page.keyboard.press('Tab')
    reached = await page.evaluate(() => document.activeElement?.dataset?.testid === 'field-tip')
  }
  assert.ok(reached, 'Tab never reached an ⓘ')
  const label = await page.evaluate(() => document.activeElement.getAttribute('aria-label'))
  assert.ok(label && label.length > 5)
  await page.locator('.n-tooltip').filter({ hasText: label.slice(0, 10) }).waitFor()
  await page.keyboard.press('Tab')
  await page.locator('.n-tooltip').filter({ hasText: label.slice(0, 10) }).waitFor({ state: 'detached' })
})

test('the English review says "Must fix Website 1: …", with no Chinese punctuation glued on', async () => {
  const { page } = app
  await page.evaluate(() => window.go.app.SystemService.SetLanguage('en'))
  await page.reload()
  await page.getByTestId('steps').waitFor()
  await step(page, 'review')
  const items = await page.getByTestId('review-finding').allInnerTexts()
  assert.ok(items.length > 0, 'no problems listed')
  for (const x of items) {
    assert.match(x, /^(Must fix|Please check) \S/, `"${x}"`)
    // The label's colon is the English one (values typed in Chinese may follow).
    assert.doesNotMatch(x.split(': ')[0], /：/, `Chinese colon in "${x}"`)
  }
  await page.screenshot({ path: join(artifacts, 'look-review-en.png') })
  await page.evaluate(() => window.go.app.SystemService.SetLanguage('zh-CN'))
  assert.deepEqual(app.pageErrors, [])
})
