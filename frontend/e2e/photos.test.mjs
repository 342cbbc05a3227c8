// The materials step: import an ID-card photo into its slot, see the export
// and its findings, straighten/rotate it in the cropper and apply.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startApp, artifacts } from './harness.mjs'
import { step } from './form.mjs'

const root = resolve(import.meta.dirname, '..', '..')
let app
let dir
before(async () => {
  app = await startApp()
  dir = mkdtempSync(join(tmpdir(), 'icpdesk-photos-'))
})
after(async () => {
  await app?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

/** Draws a slightly turned ID card on a dark wooden table in the page's canvas; returns JPEG bytes. */
async function idCardJpeg(page) {
  const b64 = await page.evaluate(() => {
    const c = document.createElement('canvas')
    c.width = 2400
    c.height = 1800
    const g = c.getContext('2d')
    g.fillStyle = '#4a3828'
    g.fillRect(0, 0, c.width, c.height)
    for (let i = 0; i < 4000; i++) {
      g.fillStyle = `rgba(${90 + (i % 40)},${60 + (i % 30)},${40},0.35)`
      g.fillRect((i * 7919) % c.width, (i * 104729) % c.height, 40, 3)
    }
    g.translate(1200, 900)
    g.rotate((4 * Math.PI) / 180)
    const w = 1500
    const h = Math.round((w * 54) / 85.6)
    g.fillStyle = '#e4ecf2'
    g.fillRect(-w / 2, -h / 2, w, h)
    g.fillStyle = '#1f2a44'
    g.font = 'bold 54px sans-serif'
    const lines = ['姓名 李明', '性别 男  民族 汉', '出生 1985 年 11 月 20 日', '住址 北京市海淀区中关村大街27号', '公民身份号码 110105198511204021']
    lines.forEach((t, i) => g.fillText(t, -w / 2 + 70, -h / 2 + 120 + i * 150))
    g.fillStyle = '#b98c78'
    g.fillRect(w / 2 - 420, -h / 2 + 90, 330, 420)
    return c.toDataURL('image/jpeg', 0.92).split(',')[1]
  })
  return Buffer.from(b64, 'base64')
}

async function dropFile(page, slotKey, path) {
  await page.getByTestId(`slot-${slotKey}`).evaluate(
    (el, p) => el.dispatchEvent(new CustomEvent('photo-drop', { detail: { paths: [p] } })),
    path,
  )
}

async function waitPreviewLoaded(page, slot) {
  const img = slot.getByTestId('photo-preview')
  await img.waitFor()
  await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await img.elementHandle(), { timeout: 20000 })
  return img
}

test('an ID card photo goes into its slot, is checked, cropped and applied', async () => {
  const { page } = app
  await page.getByTestId('home-empty').waitFor()
  const example = JSON.parse(readFileSync(join(root, 'docs', 'examples', 'application.json'), 'utf8'))
  const id = await page.evaluate(async (doc) => {
    const v = await window.go.app.FilingService.NewApplication(0, '照片测试')
    await window.go.app.FilingService.SaveDraft(v.record.id, [{ path: '', value: doc }])
    return v.record.id
  }, example)
  await page.reload()
  const row = page.locator(`[data-testid="application-row"][data-id="${id}"]`)
  await row.locator('button').first().click()
  await page.getByTestId('steps').waitFor()
  await step(page, 'materials')

  const slot = page.getByTestId('slot-person_id_front')
  await slot.waitFor()
  assert.match(await slot.getByTestId('slot-need').innerText(), /四角完整/)
  const progress = page.getByTestId('photo-progress')
  const total = Number(await progress.getAttribute('data-total'))
  assert.ok(total >= 5, `required slots ${total}`)
  assert.equal(await progress.getAttribute('data-done'), '0')
  // Groups: entity, person IDs, then each website.
  for (const g of ['entity', 'persons', 'w1', 'w2']) await page.getByTestId(`group-${g}`).waitFor()

  // The filing flow decides the materials: the mini program verifies the face
  // by video (no backdrop photo) and takes the commitment letter instead of
  // the signed checklist; back to the console, they return.
  await page.getByTestId('slot-websites.w1.backdrop').waitFor()
  await page.getByTestId('slot-websites.w1.handheld_id').waitFor()
  await page.getByTestId('flow-miniprogram').click()
  await page.getByTestId('slot-websites.w1.commitment_letter').waitFor()
  assert.equal(await page.getByTestId('slot-websites.w1.backdrop').count(), 0)
  assert.equal(await page.getByTestId('slot-websites.w1.checklist_scan').count(), 0)
  await page.getByTestId('flow-console').click()
  await page.getByTestId('slot-websites.w1.backdrop').waitFor()
  assert.equal(await page.getByTestId('slot-websites.w1.commitment_letter').count(), 0)
  // The signed checklist waits for its checklist to be generated first.
  await page.getByTestId('slot-websites.w1.checklist_scan').getByTestId('slot-waiting').waitFor()

  // A HEIC file is refused with the way out, and the slot stays empty.
  const heic = join(dir, 'IMG_0001.HEIC')
  writeFileSync(heic, Buffer.concat([Buffer.from('\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic', 'latin1'), Buffer.alloc(64)]))
  await dropFile(page, 'person_id_front', heic)
  await slot.getByTestId('slot-error').filter({ hasText: '在“照片”App 中导出为 JPEG' }).waitFor()
  assert.equal(await slot.getAttribute('data-status'), 'missing')

  // A real photo: imported, straightened by the suggestion, exported and checked.
  const photo = join(dir, 'id-front.jpg')
  writeFileSync(photo, await idCardJpeg(page))
  await dropFile(page, 'person_id_front', photo)
  const img = await waitPreviewLoaded(page, slot)
  const src = await img.getAttribute('src')
  assert.match(src, /^\/media\/photo\/\d+\/export\.jpg\?v=/)
  await slot.getByTestId('slot-findings').waitFor()
  const info = await slot.getByTestId('export-info').innerText()
  const [, w0, h0] = /(\d+)×(\d+)/.exec(info).map(Number)
  assert.ok(w0 > h0 && w0 / h0 > 1.45 && w0 / h0 < 1.75, `straightened card ${w0}×${h0}`)
  const rules = await slot.locator('[data-testid="slot-finding"]').evaluateAll((els) => els.map((e) => e.dataset.rule))
  assert.ok(!rules.includes('photo.edges_cut'), `findings ${rules}`)
  // The crop was applied because the detector was sure, and says so, with the way back.
  const suggestion = slot.getByTestId('slot-suggestion')
  assert.equal(await suggestion.getAttribute('data-mode'), 'applied')
  assert.match(await suggestion.innerText(), /已自动裁剪（可信度 \d+%）/)
  await slot.getByTestId('slot-keep-original').waitFor()
  assert.notEqual(await slot.getAttribute('data-status'), 'missing')
  await slot.scrollIntoViewIfNeeded()
  await page.screenshot({ path: join(artifacts, 'photos-1-imported.png') })

  // The media handler serves the preview of the original too.
  const preview = await page.evaluate(async (u) => {
    const r = await fetch(u)
    return { status: r.status, type: r.headers.get('content-type') }
  }, src.replace(/export\.jpg.*/, 'preview.jpg'))
  assert.deepEqual(preview, { status: 200, type: 'image/jpeg' })

  // The cropper: opens on the corners of the suggestion; crop instead and turn a quarter.
  await slot.getByTestId('slot-adjust').click()
  const cropper = page.getByTestId('cropper')
  await cropper.waitFor()
  await page.getByTestId('corners-stage').waitFor()
  await page.getByTestId('corner-0').waitFor()
  // Let the modal's opening transition end before the screenshot.
  await page.waitForFunction(() => !document.querySelector('[class*="transition-enter-active"]'))
  await page.screenshot({ path: join(artifacts, 'photos-2-cropper-corners.png') })
  await page.getByTestId('mode-crop').click()
  await page.getByTestId('crop-stage').locator('.vue-advanced-cropper__stretcher, .vue-advanced-cropper').first().waitFor()
  await page.getByTestId('rotate-right').click()
  await page.getByTestId('view-after').click()
  // The after view is the export's own render of the adjustment: a turned crop stands.
  const after = page.getByTestId('after-render')
  await after.waitFor()
  await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await after.elementHandle(), { timeout: 20000 })
  const [aw, ah] = await after.evaluate((el) => [el.naturalWidth, el.naturalHeight])
  assert.ok(ah > aw, `the after view shows the quarter turn: ${aw}×${ah}`)
  await page.screenshot({ path: join(artifacts, 'photos-3-cropper-after.png') })
  await page.getByTestId('cropper-apply').click()
  await cropper.waitFor({ state: 'hidden' })

  await page.waitForFunction(
    (old) => {
      const el = document.querySelector('[data-testid="slot-person_id_front"] [data-testid="photo-preview"]')
      return el && el.getAttribute('src') !== old && el.complete && el.naturalWidth > 0
    },
    src,
    { timeout: 20000 },
  )
  const [, w1, h1] = /(\d+)×(\d+)/.exec(await slot.getByTestId('export-info').innerText()).map(Number)
  assert.ok(h1 > w1, `after a quarter turn the export stands: ${w1}×${h1}`)
  await slot.scrollIntoViewIfNeeded()
  await page.screenshot({ path: join(artifacts, 'photos-4-applied.png') })

  // A photo with warnings: crop to a corner (too small, card cut off), then
  // the clerk ticks "我已核对此照片", recorded with the time; a new export of
  // the photo needs the tick again.
  const photoId = Number(/\/media\/photo\/(\d+)\//.exec(await slot.getByTestId('photo-preview').getAttribute('src'))[1])
  const reopen = async () => {
    await page.reload()
    // Opening the application recorded it as the last one worked on, so
    // start-up reopens it by itself (App.vue), just after the list has
    // shown: a click on its row then raced that switch and could hit a row
    // on its way out. The application coming back is the condition.
    await page.getByTestId('steps').waitFor()
    assert.equal(await row.count(), 0)
    await step(page, 'materials')
    await slot.getByTestId('slot-findings').waitFor()
  }
  const cropTo = (w) =>
    page.evaluate(([pid, w]) => window.go.app.PhotoService.Apply(pid, { rotate90: 0, fineRotateDeg: 0, crop: { x: 0, y: 0, w, h: 200 } }), [photoId, w])
  await cropTo(300)
  await reopen()
  const toggle = slot.getByTestId('slot-checked')
  await toggle.waitFor()
  assert.equal(await toggle.getAttribute('data-checked'), 'false')
  assert.equal((await toggle.innerText()).trim(), '我已核对此照片')
  assert.equal(await slot.getAttribute('data-status'), 'problems')
  await toggle.click()
  await page.waitForFunction(() =>
    document.querySelector('[data-testid="slot-person_id_front"] [data-testid="slot-checked"]')?.dataset.checked === 'true')
  assert.match(await toggle.innerText(), /我已核对此照片（.+）/)
  assert.equal(await slot.getAttribute('data-status'), 'done')
  const doc = await page.evaluate((id) => window.go.app.FilingService.Get(id), id)
  assert.ok(Object.keys(doc.record.doc.confirmations ?? {}).some((k) => k.includes(`#photo:${photoId}:`)), 'confirmation recorded')
  await slot.scrollIntoViewIfNeeded()
  await page.screenshot({ path: join(artifacts, 'photos-5-checked.png') })
  await cropTo(310)
  await reopen()
  await toggle.waitFor()
  assert.equal(await toggle.getAttribute('data-checked'), 'false')
  assert.deepEqual(app.pageErrors, [])
})
