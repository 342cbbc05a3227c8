// The clerk's waits in the real app (dev build, real Go backend, Chromium):
// first paint, switching steps, a checklist after its click, the cropper
// opening and applying. A benchmark, not a test: it prints the figures (median
// and worst of several runs) and the machine's load; `make bench` runs it and
// docs/bench.md keeps them. Each wait is measured inside the page, from the
// click event to the animation frame in which the result is on screen.
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs'
import { loadavg, cpus, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startApp } from './harness.mjs'
import { cardJpeg, step } from './form.mjs'
import { reporter, timed, loadLine, cropperShown, slotShowsNewExport, CROPPER_CLOSE, armApplyTrace, readApplyTrace } from './benchlib.mjs'

const root = resolve(import.meta.dirname, '..', '..')
const RUNS = Number(process.env.BENCH_RUNS || 7)
// BENCH_ONLY=cropper (or a comma list of paint, steps, checklist, cropper)
// measures only those waits; all of them by default.
const ONLY = (process.env.BENCH_ONLY || 'paint,steps,checklist,cropper').split(',').map((x) => x.trim())
const only = (part) => ONLY.includes(part)
// BENCH_TRACE=1 also prints, per apply, where its time went (benchlib's armApplyTrace).
const TRACE = !!process.env.BENCH_TRACE
const example = JSON.parse(readFileSync(join(root, 'docs', 'examples', 'application.json'), 'utf8'))

const { results, report } = reporter()

async function firstPaint(page, url) {
  const paints = []
  const shown = []
  for (let i = 0; i < RUNS; i++) {
    const p = await page.context().newPage()
    await p.addInitScript(() => {
      const tick = () => {
        if (document.querySelector('[data-testid="app-name"]')) window.__shown = performance.now()
        else requestAnimationFrame(tick)
      }
      requestAnimationFrame(tick)
    })
    await p.goto(url)
    await p.waitForFunction(() => window.__shown !== undefined)
    const fcp = await p.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN)
    paints.push(fcp)
    shown.push(await p.evaluate(() => window.__shown))
    await p.close()
  }
  report('first contentful paint', 700, paints)
  report('window shows the app', 700, shown)
}

const app = await startApp()
const dir = mkdtempSync(join(tmpdir(), 'icpdesk-bench-'))
const load0 = loadavg()
try {
  const { page, url } = app
  await page.getByTestId('home-empty').waitFor()
  if (only('paint')) await firstPaint(page, url)

  const id = await page.evaluate(async (doc) => {
    const v = await window.go.app.FilingService.NewApplication(0, '基准测试')
    await window.go.app.FilingService.SaveDraft(v.record.id, [{ path: '', value: doc }])
    return v.record.id
  }, example)
  await page.reload()
  await page.locator(`[data-testid="application-row"][data-id="${id}"] button`).first().click()
  await page.getByTestId('steps').waitFor()

  // Switching steps: each step of the wizard in turn.
  if (only('steps')) {
    const switches = []
    const order = ['entity', 'websites', 'materials', 'review', 'type']
    for (let i = 0; i < RUNS; i++) {
      for (const s of order) {
        switches.push(
          await timed(page, () => page.getByTestId(`step-${s}`).click(), (name) => !!document.querySelector(`[data-testid="form-${name}"]`), s),
        )
      }
    }
    report('switch step', 100, switches)
  }

  // A checklist: from 生成核验单 to its card showing the stored PDF.
  if (only('checklist')) {
    await step(page, 'review')
    const checklists = []
    const pdfs = []
    for (let i = 0; i < RUNS; i++) {
      const before = await page.getByTestId('checklist-w1').locator('[data-testid="checklist-preview"]').getAttribute('data').catch(() => null)
      checklists.push(
        await timed(
          page,
          () => page.getByTestId('checklist-w1').getByTestId('checklist-generate').click(),
          (old) => {
            const el = document.querySelector('[data-testid="checklist-w1"] [data-testid="checklist-preview"]')
            return !!el && el.getAttribute('data') !== old
          },
          before,
        ),
      )
      // …and until the PDF bytes reached the page.
      pdfs.push(
        await page.evaluate(() => {
          const src = document.querySelector('[data-testid="checklist-w1"] [data-testid="checklist-preview"]').getAttribute('data')
          const e = performance.getEntriesByType('resource').filter((r) => r.name.endsWith(src)).pop()
          return e ? e.responseEnd - window.__bench.t0 : NaN
        }),
      )
    }
    report('checklist visible', 300, checklists)
    const loaded = pdfs.filter((x) => !Number.isNaN(x))
    if (loaded.length) report('checklist PDF loaded', 300, loaded)
    else console.log('checklist PDF loaded         not measured (the page kept no resource timing for the PDF)')
  }

  // The cropper: open on an imported photo, apply.
  if (only('cropper')) {
    await step(page, 'materials')
    const photo = join(dir, 'id.jpg')
    writeFileSync(photo, await cardJpeg(page))
    const slot = page.getByTestId('slot-person_id_front')
    await slot.evaluate((el, p) => el.dispatchEvent(new CustomEvent('photo-drop', { detail: { paths: [p] } })), photo)
    await slot.getByTestId('photo-preview').waitFor({ timeout: 30000 })
    const opens = []
    const reopens = []
    const applies = []
    for (let i = 0; i < RUNS; i++) {
      opens.push(await timed(page, () => slot.getByTestId('slot-adjust').click(), cropperShown))
      // Closed without applying and opened again: the picture is cached by now.
      await page.locator(CROPPER_CLOSE).click()
      await page.getByTestId('cropper').waitFor({ state: 'detached' })
      reopens.push(await timed(page, () => slot.getByTestId('slot-adjust').click(), cropperShown))
      const src = await slot.getByTestId('photo-preview').getAttribute('src')
      await page.getByTestId('rotate-right').click()
      if (TRACE) await page.evaluate(armApplyTrace, src)
      applies.push(await timed(page, () => page.getByTestId('cropper-apply').click(), slotShowsNewExport, src))
      if (TRACE) console.log(`  apply ${Math.round(applies.at(-1))} ms:`, JSON.stringify(await page.evaluate(readApplyTrace)))
    }
    report('cropper open', 300, opens)
    report('cropper open again', 300, reopens)
    report('cropper apply', 500, applies)
  }
} finally {
  await app.stop()
  rmSync(dir, { recursive: true, force: true })
}
const load1 = loadavg()
const load = loadLine(load0, load1, cpus().length)
console.log(load)
if (process.env.BENCH_OUT) writeFileSync(process.env.BENCH_OUT, JSON.stringify({ date: new Date().toISOString(), load, runs: RUNS, results }, null, 2))
