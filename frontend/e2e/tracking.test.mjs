// Submitting and tracking: the example application is made ready (photos and
// checklists through the bindings), then through the UI it is marked ready,
// submitted, reviewed, rejected with a reason, reopened, fixed, resubmitted,
// approved with its ICP number, and its PSB number recorded.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startApp, artifacts } from './harness.mjs'
import { fill, saved, step } from './form.mjs'
import { slotPictureJpeg } from './pictures.mjs'

const root = resolve(import.meta.dirname, '..', '..')
let app
let dir
before(async () => {
  app = await startApp()
  dir = mkdtempSync(join(tmpdir(), 'icpdesk-tracking-'))
})
after(async () => {
  await app?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

async function recordStatus(page, status, note) {
  await page.getByTestId(`next-${status}`).click()
  const dialog = page.getByTestId('status-dialog')
  await dialog.waitFor()
  if (note) await dialog.getByTestId('status-note').locator('textarea').fill(note)
  await dialog.getByTestId('status-save').click()
  await dialog.waitFor({ state: 'hidden' })
  await page.locator(`[data-testid="tracking-status"][data-status="${status}"]`).waitFor()
}

async function markReadyAndSubmit(page) {
  await step(page, 'review')
  const panel = page.getByTestId('submit-panel')
  await panel.getByTestId('mark-ready').click()
  await panel.getByTestId('submit').waitFor({ timeout: 15000 })
  await panel.getByTestId('submit').click()
  await page.getByText('确认已在腾讯云控制台提交？').waitFor()
  await page.getByTestId('confirm-submit').click()
  await panel.getByTestId('submit-state').waitFor({ timeout: 15000 })
}

test('an application is submitted, rejected, fixed, resubmitted and approved', async () => {
  const { page } = app
  await page.getByTestId('home-empty').waitFor()
  const example = JSON.parse(readFileSync(join(root, 'docs', 'examples', 'application.json'), 'utf8'))
  const id = await page.evaluate(async (doc) => {
    const v = await window.go.app.FilingService.NewApplication(0, '跟踪测试')
    await window.go.app.FilingService.SaveDraft(v.record.id, [{ path: '', value: doc }])
    await window.go.app.ChecklistService.GenerateAll(v.record.id)
    return v.record.id
  }, example)

  // Required photos block readiness: import a generated picture into each.
  const before = await page.evaluate((id) => window.go.app.SubmitService.Readiness(id), id)
  const missing = before.items.filter((it) => it.code === 'submit.ready.photo_missing').map((it) => it.params.slot)
  assert.ok(missing.length > 0, 'the example needs photos')
  for (const [i, slot] of missing.entries()) {
    const path = join(dir, `${i}.jpg`)
    writeFileSync(path, await slotPictureJpeg(page, slot, i))
    await page.evaluate(([id, slot, path]) => window.go.app.PhotoService.ImportFile(id, slot, path), [id, slot, path])
  }
  const ready = await page.evaluate((id) => window.go.app.SubmitService.Readiness(id), id)
  assert.equal(ready.ready, true, `still not ready: ${JSON.stringify(ready.items)}`)

  await page.reload()
  const row = page.locator(`[data-testid="application-row"][data-id="${id}"]`)
  await row.locator('button').first().click()
  await page.getByTestId('steps').waitFor()

  // Before submission the tracking step only says where progress will show.
  await step(page, 'tracking')
  await page.getByTestId('tracking-waiting').filter({ hasText: '提交后在此跟踪进度' }).waitFor()

  // The console assistant lists the fields to copy.
  await step(page, 'review')
  await page.getByTestId('readiness').and(page.locator('[data-ready="true"]')).waitFor()
  await page.getByTestId('open-console').click()
  await page.getByTestId('copy-field').first().waitFor()
  assert.ok((await page.getByTestId('console-section').count()) >= 3)
  // Labels and order follow Tencent's first-filing guide, which the assistant names.
  assert.match(await page.getByTestId('console-sources').innerText(), /快速备案\/首次备案\/通过控制台进行首次备案\.md/)
  const labels = await page.getByTestId('console-field').locator('.label').allInnerTexts()
  assert.ok(labels.indexOf('投资人或主管单位') < labels.indexOf('通信地址') && labels.includes('证件住址') && labels.includes('对应云服务'), labels.join(','))
  // The drawer has slid in completely.
  await page.waitForFunction(() => {
    const d = document.querySelector('.n-drawer')
    return d && Math.abs(d.getBoundingClientRect().right - window.innerWidth) < 2
  })
  await page.screenshot({ path: join(artifacts, 'tracking-1-console.png') })
  await page.keyboard.press('Escape')
  await page.getByTestId('console-field').first().waitFor({ state: 'hidden' })

  await markReadyAndSubmit(page)
  await page.getByTestId('read-only').waitFor()

  // Tencent's review, then a rejection for the website name.
  await step(page, 'tracking')
  await page.locator('[data-testid="tracking-status"][data-status="submitted"]').waitFor()
  await recordStatus(page, 'prelim_review', '接到腾讯云初审电话')
  await page.locator('[data-testid="deadline"][data-kind="submit.deadline.tencent_prelim"]').waitFor()
  // Tencent's review counts working days, and says so.
  assert.match(await page.getByTestId('deadlines').innerText(), /还剩 \d+ 个工作日|明天到期|今天到期/)
  // The expected next step is the prominent button; a rejection and the records that end the order are not red primaries.
  assert.match(await page.getByTestId('next-photo_pending').getAttribute('class'), /n-button--primary-type/)
  for (const s of ['returned', 'abandoned', 'expired']) {
    const cls = await page.getByTestId(`next-${s}`).getAttribute('class')
    assert.doesNotMatch(cls, /n-button--(error|primary)-type/, `${s}: ${cls}`)
  }

  await page.getByTestId('next-returned').click()
  const dialog = page.getByTestId('status-dialog')
  await dialog.getByTestId('reject-reasons').locator('.n-base-selection').click()
  await page.locator('.n-base-select-option', { hasText: '网站名称不符合要求' }).click()
  await page.keyboard.press('Escape')
  await dialog.getByTestId('status-note').locator('textarea').fill('网站名称不能含“官方”')
  await dialog.getByTestId('status-save').click()
  await dialog.waitFor({ state: 'hidden' })
  await page.getByTestId('rejection').filter({ hasText: '网站名称不符合要求' }).waitFor()
  // The timeline speaks the UI language: the reason by name, the clerk's note as typed, no raw codes.
  const timeline = await page.getByTestId('timeline').innerText()
  assert.match(timeline, /驳回原因：[\s\S]*网站名称不符合要求[\s\S]*网站名称不能含“官方”/)
  assert.match(timeline, /新建申请/)
  for (const raw of ['reasons:', 'website_name', 'created']) assert.ok(!timeline.includes(raw), `raw "${raw}" in the timeline:\n${timeline}`)
  await page.getByTestId('tracking').evaluate((el) => el.scrollIntoView())
  await page.screenshot({ path: join(artifacts, 'tracking-2-returned.png') })

  // Reopen: the wizard jumps to the website name, marked with the reason, which the clerk fixes.
  await page.getByTestId('reopen').click()
  await page.getByTestId('form-websites').waitFor()
  assert.equal(await page.getByTestId('read-only').count(), 0)
  const mark = page.locator('[data-field="websites.0.name"] [data-testid="rejection-mark"]')
  await mark.waitFor()
  assert.match(await mark.innerText(), /驳回原因：网站名称不符合要求/)
  await page.screenshot({ path: join(artifacts, 'tracking-2-reopened.png') })
  await fill(page, 'websites.0.name', '云帆科技产品介绍')
  await saved(page)
  // The checklist shows the website name: draw it again after the fix. The
  // signed scans are of the old checklists now: print, sign and scan again.
  await page.evaluate((id) => window.go.app.ChecklistService.GenerateAll(id), id)
  const stale = await page.evaluate((id) => window.go.app.SubmitService.Readiness(id), id)
  const scans = stale.items.filter((it) => it.code === 'submit.ready.checklist_scan_stale').map((it) => it.params.slot)
  assert.ok(scans.length > 0, `a renamed site's signed checklist is not stale: ${JSON.stringify(stale.items)}`)
  for (const [i, slot] of scans.entries()) {
    const path = join(dir, `rescan-${i}.jpg`)
    writeFileSync(path, await slotPictureJpeg(page, slot, 50 + i))
    await page.evaluate(([id, slot, path]) => window.go.app.PhotoService.ImportFile(id, slot, path), [id, slot, path])
  }
  await markReadyAndSubmit(page)
  assert.equal(await mark.count(), 0, 'the marks go once the order is submitted again')

  await step(page, 'tracking')
  assert.match(await page.getByTestId('timeline').innerText(), /驳回后重新打开修改/)
  for (const s of ['prelim_review', 'wait_bureau_submit', 'sms_pending', 'bureau_review']) await recordStatus(page, s)
  await page.locator('[data-testid="deadline"][data-kind="submit.deadline.bureau_review"]').waitFor()
  await page.screenshot({ path: join(artifacts, 'tracking-2-review.png') })

  // Approval: the numbers are checked by Go's ICP rule as the clerk types.
  await page.getByTestId('next-approved').click()
  await dialog.waitFor()
  // The example files in Beijing: its examples say 京.
  assert.equal(await dialog.getByTestId('approve-icp').locator('input').getAttribute('placeholder'), '京ICP备2026012345号')
  const icpInput = dialog.getByTestId('approve-icp').locator('input')
  const finding = dialog.getByTestId('approve-finding')
  // A malformed number blocks, with the rule's message under the field.
  await icpInput.fill('京ICP备123号')
  await finding.filter({ hasText: 'ICP 备案号应由备案地的省份简称' }).waitFor()
  assert.equal(await dialog.getByTestId('status-save').isDisabled(), true)
  // A website number typed as the entity number is Go's warning (not a refusal),
  // and the websites get the entity part with their -n proposed.
  await icpInput.fill('京ICP备2026012345号-1')
  await finding.filter({ hasText: '带有 -序号' }).waitFor()
  await page.waitForFunction((id) => document.querySelector(`[data-testid="approve-site-${id}"] input`)?.value === '京ICP备2026012345号-1', example.websites[0].id)
  await page.screenshot({ path: join(artifacts, 'tracking-3-approve-dialog.png') })
  await icpInput.fill('京ICP备2026012345号')
  await finding.first().waitFor({ state: 'detached' })
  await page.waitForFunction(() => !document.querySelector('[data-testid="status-save"]')?.disabled)
  await dialog.getByTestId('status-save').click()
  await dialog.waitFor({ state: 'hidden' })
  await page.locator('[data-testid="tracking-status"][data-status="approved"]').waitFor()
  assert.equal(await page.getByTestId('icp-number').innerText(), '京ICP备2026012345号')
  const frame = page.getByTestId('footer-preview').first()
  await frame.waitFor()
  assert.equal(await frame.getAttribute('sandbox'), '')
  assert.match(await frame.getAttribute('srcdoc'), /京ICP备2026012345号-1/)
  await page.locator('[data-testid="deadline"][data-kind="submit.deadline.psb_filing"]').first().waitFor()
  // At the moment of approval the footer is due today, not overdue; 30 days are 30 days.
  assert.equal(await page.locator('[data-testid="deadline"][data-kind="submit.deadline.footer"] [data-testid="countdown"]').innerText(), '今天到期')
  assert.equal(await page.locator('[data-testid="deadline"][data-kind="submit.deadline.psb_filing"] [data-testid="countdown"]').first().innerText(), '还剩 30 天')
  // An approved application is not told it could be reopened after a rejection.
  const frozen = await page.getByTestId('read-only').innerText()
  assert.match(frozen, /已备案/)
  assert.doesNotMatch(frozen, /驳回/)

  // The deadlines go to the clerk's calendar: one entry per deadline, worded in the UI language.
  await page.evaluate(() => {
    window.go.app.SubmitService.ExportCalendar = (name, entries) => {
      window.__ics = { name, entries }
      return Promise.resolve({ path: '/tmp/跟踪测试.ics', events: entries.length, cancelled: false })
    }
  })
  await page.getByTestId('export-ics').click()
  await page.getByText('已导出').first().waitFor()
  const ics = await page.evaluate(() => window.__ics)
  const shown = await page.getByTestId('deadline').count()
  assert.equal(ics.entries.length, shown)
  assert.match(ics.name, /^ICP Desk：/)
  for (const e of ics.entries) {
    assert.match(e.key, new RegExp(`^${id}/submit\\.deadline\\.`))
    assert.doesNotMatch(e.summary, /submit\.deadline/)
    assert.ok(!Number.isNaN(Date.parse(e.due)))
  }

  // The PSB number of the first website.
  const site = example.websites[0].id
  await page.getByTestId(`psb-number-${site}`).locator('input').fill('京公网安备 11010802020877号')
  await page.getByTestId(`psb-save-${site}`).click()
  await page.getByText('已记录公安备案号').waitFor()
  await page.locator('[data-testid="psb-step"][data-done="true"]').first().waitFor()

  const statuses = await page.getByTestId('timeline-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))
  assert.deepEqual(statuses.slice(0, 3), ['approved', 'bureau_review', 'sms_pending'])
  for (const s of ['returned', 'submitted', 'ready', 'draft']) assert.ok(statuses.includes(s), `${s} in ${statuses}`)
  assert.ok(statuses.filter((s) => s === 'submitted').length === 2)
  // Screenshots without the toasts over them.
  await page.locator('.n-message').first().waitFor({ state: 'detached', timeout: 15000 })
  await page.getByTestId('tracking').evaluate((el) => el.scrollIntoView())
  await page.screenshot({ path: join(artifacts, 'tracking-3-approved.png') })
  await page.getByTestId('footer').first().evaluate((el) => el.scrollIntoView())
  await page.screenshot({ path: join(artifacts, 'tracking-3-footer.png') })

  // The due-soon list shows the PSB duty; a row opens the tracking step.
  await page.locator('[data-testid="nav"] .n-menu-item', { hasText: '即将到期' }).click()
  await page.getByTestId('due-soon').waitFor()
  await page.getByTestId('due-row').first().waitFor()
  // Within 30 days includes the PSB filing due at the end of the 30th day.
  await page.getByTestId('due-soon').filter({ hasText: '公安联网备案' }).waitFor()
  await page.screenshot({ path: join(artifacts, 'tracking-4-due.png') })
  await page.evaluate(() => (window.__ics = null))
  await page.getByTestId('export-ics-all').click()
  await page.waitForFunction(() => window.__ics !== null)
  assert.ok((await page.evaluate(() => window.__ics.entries.length)) >= 1)
  await page.getByTestId('due-row').first().click()
  await page.getByTestId('form-tracking').waitFor()

  // At start the app reminds of what is due within three days: the footer.
  await page.reload()
  const reminder = page.getByTestId('reminder')
  await reminder.waitFor()
  assert.match(await reminder.innerText(), /悬挂备案号/)
  await page.screenshot({ path: join(artifacts, 'tracking-5-reminder.png') })
  assert.match(await page.locator('[data-testid="nav"]').innerText(), /即将到期 \(1\)/)
  assert.deepEqual(app.pageErrors, [])
})
