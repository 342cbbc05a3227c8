// Every screen in zh-CN and en, for docs/screenshots (run by hand after a UI
// change: `make build/bin/icpdesk-e2e && cd frontend && node e2e/screenshots.mjs`).
// Not a test; look at each picture.
import { readFileSync, mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { tmpdir } from 'node:os'
import { startApp } from './harness.mjs'
import { cardJpeg, openFromList, step } from './form.mjs'
import { slotPictureJpeg } from './pictures.mjs'

const root = resolve(import.meta.dirname, '..', '..')
const out = process.env.SCREENSHOTS_DIR || join(root, 'docs', 'screenshots')
mkdirSync(out, { recursive: true })
const example = JSON.parse(readFileSync(join(root, 'docs', 'examples', 'application.json'), 'utf8'))

const settle = (page) => page.waitForFunction(() => !document.querySelector('[class*="transition-enter-active"], [class*="transition-leave-active"]'))
async function shoot(page, name, lang, opts = {}) {
  await settle(page)
  await page.screenshot({ path: join(out, `${name}-${lang === 'en' ? 'en' : 'zh'}.png`), ...opts })
}
const nav = (page, i) => page.locator('[data-testid="nav"] .n-menu-item').nth(i).click()

async function seed(page) {
  return page.evaluate(async (doc) => {
    const F = window.go.app.FilingService
    const W = window.go.app.WorkspaceService
    const a = await F.NewApplication(0, '云帆科技')
    await F.SaveDraft(a.record.id, [{ path: '', value: doc }])
    const gd = structuredClone(doc)
    gd.entity.province = 'guangdong'
    gd.entity.city = '广州市'
    gd.entity.district = '天河区'
    gd.entity.name = '广州恒通钢铁集团有限公司'
    gd.websites = [gd.websites[0]]
    gd.websites[0].domains = ['hengtong-steel-group-holdings.com.cn', 'hengtong-steel.cn', 'htsteel.cn']
    const b = await F.NewApplication(0, '恒通钢铁集团')
    await F.SaveDraft(b.record.id, [{ path: '', value: gd }])
    const c = await F.NewApplication(0, '陈晓东')
    await F.SaveDraft(c.record.id, [
      { path: 'entity.province', value: 'guangdong' },
      { path: 'entity.nature', value: 'individual' },
      { path: 'entity.certNumber', value: '44030519920815211X' },
      { path: 'websites.0.domains', value: ['xiaodongfoto.cn'] },
    ])
    const trashed = await F.NewApplication(0, '星河网络')
    await W.TrashApplication(trashed.record.id)
    await W.SaveClient({ id: a.record.clientId, name: '云帆科技', contact: '李明', phone: '13800001111', notes: '每年 3 月续费服务器' })
    return { example: a.record.id, guangdong: b.record.id, individual: c.record.id }
  }, example)
}

// Two orders in Tencent's hands, made ready as a clerk would (the example's
// photos and checklists), then submitted through the same bindings the UI
// uses: one just submitted, one approved with its ICP number (the footer and
// the PSB filing duty then show on its tracking screen).
async function seedTracked(page) {
  const dir = mkdtempSync(join(tmpdir(), 'icpdesk-shots-'))
  try {
    const submitted = async (clientName) => {
      const id = await page.evaluate(async ([name, doc]) => {
        const a = await window.go.app.FilingService.NewApplication(0, name)
        await window.go.app.FilingService.SaveDraft(a.record.id, [{ path: '', value: doc }])
        await window.go.app.ChecklistService.GenerateAll(a.record.id)
        return a.record.id
      }, [clientName, example])
      const r = await page.evaluate((id) => window.go.app.SubmitService.Readiness(id), id)
      const missing = r.items.filter((it) => it.code === 'submit.ready.photo_missing').map((it) => it.params.slot)
      for (const [i, slot] of missing.entries()) {
        const path = join(dir, `${id}-${i}.jpg`)
        writeFileSync(path, await slotPictureJpeg(page, slot, i))
        await page.evaluate(([id, slot, path]) => window.go.app.PhotoService.ImportFile(id, slot, path), [id, slot, path])
      }
      const res = await page.evaluate(async (id) => {
        await window.go.app.SubmitService.MarkReady(id)
        return window.go.app.SubmitService.Submit(id, '已在腾讯云控制台提交')
      }, id)
      if (res.record?.status !== 'submitted') throw new Error(`application ${id} was not submitted: ${JSON.stringify(res.report?.items ?? res)}`)
      return id
    }
    const submittedId = await submitted('云帆网络')
    const approvedId = await submitted('云帆文档')
    const ok = await page.evaluate(async ([id, sites]) => {
      const S = window.go.app.SubmitService
      for (const s of ['prelim_review', 'wait_bureau_submit', 'sms_pending', 'bureau_review']) await S.SetStatus(id, s, '', '')
      const numbers = Object.fromEntries(sites.map((w, i) => [w, `京ICP备2026012345号-${i + 1}`]))
      return S.Approve(id, '京ICP备2026012345号', numbers, '')
    }, [approvedId, example.websites.map((w) => w.id)])
    if (!ok.saved) throw new Error(`approval refused: ${JSON.stringify(ok.findings)}`)
    return { submitted: submittedId, approved: approvedId }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const app = await startApp()
try {
  const { page } = app
  await page.getByTestId('home-empty').waitFor()
  await shoot(page, 'home-empty', 'zh-CN')
  const ids = await seed(page)
  const tracked = await seedTracked(page)
  for (const lang of ['zh-CN', 'en']) {
    await page.evaluate((l) => window.go.app.SystemService.SetLanguage(l), lang)
    await page.reload()
    await page.getByTestId('nav').waitFor()
    // The start-up reminder of the tracked orders' deadlines: closed, so it
    // does not cover the screens (the due-soon screen lists them).
    await page.getByTestId('reminder').waitFor()
    await page.locator('.n-notification .n-base-close').first().click()
    await page.locator('.n-notification').waitFor({ state: 'detached' })
    // The app reopens the application last worked on: back to the list.
    await page.waitForFunction(() => document.querySelector('[data-testid="steps"], [data-testid="application-row"]'))
    if (await page.getByTestId('steps').count()) await nav(page, 0)
    await page.getByTestId('application-row').first().waitFor()
    await shoot(page, 'home', lang)
    await page.getByTestId('filter-status').click()
    await page.locator('.n-base-select-menu').waitFor()
    await shoot(page, 'home-status-menu', lang)
    await page.keyboard.press('Escape')
    await page.getByTestId('application-row').filter({ hasText: '恒通' }).getByTestId('row-missing').hover()
    await page.locator('.n-tooltip').waitFor()
    await shoot(page, 'home-todo-hover', lang)
    await page.getByTestId('new-application').click()
    await page.locator('.n-modal').waitFor()
    await shoot(page, 'new-application', lang)
    await page.keyboard.press('Escape')
    await page.locator('.n-modal').waitFor({ state: 'detached' })

    await nav(page, 1)
    await page.getByTestId('client-row').first().waitFor()
    await shoot(page, 'clients', lang)
    await page.getByTestId('new-client').click()
    await page.getByTestId('client-dialog').waitFor()
    await shoot(page, 'client-new', lang)
    await page.keyboard.press('Escape')
    await nav(page, 2)
    await page.waitForTimeout(0)
    await shoot(page, 'due-soon', lang)
    await nav(page, 3)
    await page.getByTestId('application-row').first().waitFor()
    await shoot(page, 'trash', lang)

    // The wizard on the Guangdong company, step by step.
    await nav(page, 0)
    const row = page.locator(`[data-testid="application-row"][data-id="${ids.guangdong}"]`)
    await row.waitFor()
    await row.getByRole('button', { name: lang === 'en' ? 'Open' : '打开' }).click()
    await page.getByTestId('steps').waitFor()
    for (const [i, s] of ['type', 'entity', 'websites', 'materials', 'review', 'tracking'].entries()) {
      await page.getByTestId(`step-${s}`).click()
      await page.getByTestId(`form-${s}`).waitFor()
      if (s === 'materials') {
        await page.getByTestId('photo-progress').waitFor()
        // A photo in its slot, then the cropper on it.
        const slot = page.getByTestId('slot-person_id_front')
        if (!(await slot.getByTestId('photo-preview').count())) {
          const dir = mkdtempSync(join(tmpdir(), 'icpdesk-shots-'))
          writeFileSync(join(dir, 'id.jpg'), await cardJpeg(page))
          await slot.evaluate((el, p) => el.dispatchEvent(new CustomEvent('photo-drop', { detail: { paths: [p] } })), join(dir, 'id.jpg'))
          await slot.getByTestId('photo-preview').waitFor({ timeout: 30000 })
          rmSync(dir, { recursive: true, force: true })
        }
        await slot.getByTestId('slot-adjust').click()
        await page.getByTestId('corner-0').waitFor()
        await shoot(page, 'cropper', lang)
        await page.getByTestId('cropper').locator('.n-card-header__close').click()
        await page.getByTestId('cropper').waitFor({ state: 'detached' })
        await page.locator('.n-layout-content').first().evaluate(() => document.querySelector('[data-testid="form-materials"]')?.scrollTo(0, 0))
      }
      if (s === 'review') await page.getByTestId('submit-panel').waitFor()
      await shoot(page, `wizard-${i + 1}-${s}`, lang)
    }
    // Findings under the fields: the individual's empty entity step.
    await nav(page, 0)
    await page.locator(`[data-testid="application-row"][data-id="${ids.individual}"]`).getByRole('button', { name: lang === 'en' ? 'Open' : '打开' }).click()
    await page.getByTestId('steps').waitFor()
    await page.getByTestId('step-websites').click()
    await page.getByTestId('step-entity').click()
    await page.getByTestId('form-entity').waitFor()
    await shoot(page, 'wizard-entity-findings', lang)
    await page.getByTestId('step-review').click()
    await page.getByTestId('submit-panel').waitFor()
    await shoot(page, 'wizard-review-findings', lang, { fullPage: true })

    // Tracking after submission: a submitted order, then an approved one with
    // its ICP number, footer and PSB duty.
    await openFromList(page, tracked.submitted)
    await step(page, 'tracking')
    await page.locator('[data-testid="tracking-status"][data-status="submitted"]').waitFor()
    await shoot(page, 'tracking-submitted', lang)
    await openFromList(page, tracked.approved)
    await step(page, 'tracking')
    await page.locator('[data-testid="tracking-status"][data-status="approved"]').waitFor()
    await page.getByTestId('footer-preview').first().waitFor()
    await shoot(page, 'tracking-approved', lang)
    await page.getByTestId('approval').evaluate((el) => el.scrollIntoView())
    await shoot(page, 'tracking-approved-footer', lang)
    await page.getByTestId('psb').evaluate((el) => el.scrollIntoView({ block: 'end' }))
    await shoot(page, 'tracking-approved-psb', lang)
  }
  await page.evaluate(() => window.go.app.SystemService.SetLanguage('zh-CN'))
  console.log(`screenshots in ${out}`)
} finally {
  await app.stop()
}
