import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { startApp, artifacts } from './harness.mjs'
import { step } from './form.mjs'

const example = JSON.parse(readFileSync(resolve(import.meta.dirname, '..', '..', 'docs', 'examples', 'application.json'), 'utf8'))

let app
before(async () => {
  app = await startApp()
})
after(async () => {
  await app?.stop()
})

test('the review step generates the checklist of a website and previews the stored PDF', async () => {
  const { page } = app
  await page.getByTestId('home-empty').waitFor()

  // The whole example document in one patch, through the bindings.
  const id = await page.evaluate(async (doc) => {
    const v = await window.go.app.FilingService.NewApplication(0, '云帆科技')
    await window.go.app.FilingService.SaveDraft(v.record.id, [{ path: '', value: doc }])
    return v.record.id
  }, example)
  assert.ok(id > 0)

  await page.reload()
  const row = page.locator(`[data-testid="application-row"][data-id="${id}"]`)
  await row.waitFor()
  await row.getByRole('button', { name: '打开' }).click()
  await page.getByTestId('steps').waitFor()
  await step(page, 'review')

  // The panel sits above the findings, one card per website.
  const panel = page.getByTestId('checklist-panel')
  await panel.waitFor()
  const w1 = page.getByTestId('checklist-w1')
  await page.getByTestId('checklist-w2').waitFor()
  assert.equal(await w1.getByTestId('checklist-generate').innerText(), '生成核验单')
  assert.equal(await w1.getByTestId('checklist-preview').count(), 0)

  await w1.getByTestId('checklist-generate').click()
  const preview = w1.getByTestId('checklist-preview')
  await preview.waitFor()
  assert.equal(await w1.getByTestId('checklist-file').innerText(), '核验单_yunfan-tech.cn.pdf')
  assert.equal(await w1.getByTestId('checklist-generate').innerText(), '重新生成')
  assert.equal(await w1.getByTestId('checklist-open').innerText(), '在系统中打开')
  assert.equal(await w1.getByTestId('checklist-save').innerText(), '另存为…')

  // The media handler serves the stored PDF to the page.
  const url = await preview.getAttribute('data')
  assert.match(url, /^\/media\/document\/\d+\.pdf$/)
  const served = await page.evaluate(async (u) => {
    const r = await fetch(u)
    const b = new Uint8Array(await r.arrayBuffer())
    return { status: r.status, type: r.headers.get('content-type'), cache: r.headers.get('cache-control'), magic: String.fromCharCode(...b.slice(0, 5)), size: b.length }
  }, url)
  assert.deepEqual({ ...served, size: served.size > 10000 }, { status: 200, type: 'application/pdf', cache: 'no-store', magic: '%PDF-', size: true })
  const missing = await page.evaluate(async () => (await fetch('/media/document/987654.pdf')).status)
  assert.equal(missing, 404)

  // What to do in ink: an organisation signs and seals; no hand-copied statement outside Guangdong.
  const todos = await w1.getByTestId('checklist-todo').evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')))
  assert.ok(todos.includes('checklist.sign') && todos.includes('checklist.seal'), `to-dos: ${todos}`)
  assert.equal(await w1.getByTestId('checklist-statement').count(), 0)

  // Draft watermark exactly while something blocks.
  // The gate and the watermark come from the same findings: wait until the
  // page shows one of the two consistent states rather than reading both at once.
  await page.waitForFunction(() => {
    const ready = !!document.querySelector('[data-testid="ready-hint"]')
    const draft = !!document.querySelector('[data-testid="checklist-w1"] [data-testid="checklist-draft"]')
    return ready !== draft
  })

  // Panel above the findings groups.
  const order = await page.evaluate(() => {
    const p = document.querySelector('[data-testid="checklist-panel"]')
    const g = document.querySelector('[data-testid^="review-"], .group')
    return g ? Boolean(p.compareDocumentPosition(g) & Node.DOCUMENT_POSITION_FOLLOWING) : true
  })
  assert.ok(order, 'checklist panel is not above the findings')

  await panel.scrollIntoViewIfNeeded()
  await page.waitForTimeout(1000) // let the PDF object paint before the picture
  await page.screenshot({ path: join(artifacts, 'checklist-panel.png') })
  assert.deepEqual(app.pageErrors, [])
})

test('a Guangdong individual gets the statement to copy by hand, and a draft while something blocks', async () => {
  const { page } = app
  const id = await page.evaluate(async (doc) => {
    const v = await window.go.app.FilingService.NewApplication(0, '个人客户')
    await window.go.app.FilingService.SaveDraft(v.record.id, [
      { path: '', value: doc },
      { path: 'entity.province', value: 'guangdong' },
      { path: 'entity.nature', value: 'individual' },
      { path: 'entity.name', value: '李明' },
    ])
    return v.record.id
  }, example)
  await page.locator('[data-testid="nav"] .n-menu-item').first().click()
  const row = page.locator(`[data-testid="application-row"][data-id="${id}"]`)
  await row.waitFor()
  await row.getByRole('button', { name: '打开' }).click()
  await page.getByTestId('steps').waitFor()
  await step(page, 'review')

  const w1 = page.getByTestId('checklist-w1')
  await w1.getByTestId('checklist-generate').click()
  await w1.getByTestId('checklist-preview').waitFor()
  const statement = await w1.getByTestId('checklist-statement-text').innerText()
  assert.match(statement, /^本人已履行网站备案信息当面核验手续.*愿承担关闭网站并注销备案（列黑名单）等相应处理。$/)
  // The data no longer fits an individual, so something blocks: a draft.
  assert.equal(await page.getByTestId('ready-hint').count(), 0)
  assert.equal(await w1.getByTestId('checklist-draft').innerText(), '草稿 — 未提交')
  await w1.getByTestId('checklist-draft-notice').waitFor()
  await w1.getByTestId('checklist-statement').scrollIntoViewIfNeeded()
  await page.waitForTimeout(2000) // let the PDF object paint before the picture
  await page.screenshot({ path: join(artifacts, 'checklist-guangdong-individual.png') })
  assert.deepEqual(app.pageErrors, [])
})
