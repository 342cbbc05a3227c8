// Shared by the clerk's-waits benchmarks: e2e/bench.mjs (Chromium through
// playwright-core) and e2e/window-bench.mjs (the real WebKitGTK window through
// WebKit's remote inspector). `page` needs only evaluate(fn, arg) and
// waitForFunction(fn, arg, { timeout, polling }), as in playwright.

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

/** Collects results and prints one line per wait: median and worst against its goal. */
export function reporter() {
  const results = []
  const report = (name, goal, xs) => {
    const r = { name, goal, median: Math.round(median(xs)), worst: Math.round(Math.max(...xs)), runs: xs.length }
    results.push(r)
    console.log(`${name.padEnd(28)} median ${String(r.median).padStart(5)} ms   worst ${String(r.worst).padStart(5)} ms   ${goal == null ? '' : `goal ≤ ${goal} ms`}`)
  }
  return { results, report }
}

/**
 * Clicks (through the real mouse) and returns the ms from the click event to
 * the first animation frame in which ready(arg) holds, measured in the page.
 */
export async function timed(page, click, ready, arg) {
  await page.evaluate(
    ([src, a]) => {
      const ready = new Function('a', `return (${src})(a)`)
      const b = (window.__bench = { t0: undefined, t1: undefined })
      document.addEventListener('click', () => (b.t0 ??= performance.now()), { capture: true, once: true })
      const tick = () => {
        if (b.t0 !== undefined && ready(a)) b.t1 = performance.now()
        else requestAnimationFrame(tick)
      }
      requestAnimationFrame(tick)
    },
    [ready.toString(), arg],
  )
  await click()
  await page.waitForFunction(() => window.__bench.t1 !== undefined, null, { timeout: 30000, polling: 50 })
  return page.evaluate(() => window.__bench.t1 - window.__bench.t0)
}

/** The load average at the start and end of a run, for the figures' context. */
export function loadLine(load0, load1, cpus) {
  return `load average ${load0.map((x) => x.toFixed(2)).join(' ')} at the start, ${load1.map((x) => x.toFixed(2)).join(' ')} at the end, ${cpus} CPUs`
}

/** The crop dialog is open with its picture loaded and the corner editor on it (page side). */
export function cropperShown() {
  const c = document.querySelector('[data-testid="corner-0"]')
  const img = document.querySelector('[data-testid="cropper"] img')
  return !!c && !!img && img.complete && img.naturalWidth > 0
}

/** The crop dialog closed and the slot shows a new, loaded export (page side; old = the previous src). */
export function slotShowsNewExport(old) {
  const el = document.querySelector('[data-testid="slot-person_id_front"] [data-testid="photo-preview"]')
  return !document.querySelector('[data-testid="cropper"]') && !!el && el.getAttribute('src') !== old && el.complete && el.naturalWidth > 0
}

/** The crop dialog's close button (×). */
export const CROPPER_CLOSE = '[data-testid="cropper"] .n-card-header__close'

/**
 * BENCH_TRACE=1: where the apply's time goes (page side, armed just before
 * the Apply click with the slot's previous src): ms from the click until the
 * bridge call PhotoService.Apply returned (`bridge`), the slot's img got its
 * new src (`src`), that img was loaded (`loaded`), the dialog's card and its
 * mask left the DOM (`dialogGone`, `maskGone`).
 */
export function armApplyTrace(old) {
  const T = (window.__applyTrace = {})
  const now = () => performance.now()
  document.addEventListener('click', () => (T.click ??= now()), { capture: true, once: true })
  const svc = window.go.app.PhotoService
  svc.__apply ??= svc.Apply
  svc.Apply = (...a) => svc.__apply(...a).finally(() => (T.bridge ??= now()))
  const slotImg = () => document.querySelector('[data-testid="slot-person_id_front"] [data-testid="photo-preview"]')
  const seen = () => {
    if (T.click === undefined) return
    const el = slotImg()
    if (el && el.getAttribute('src') !== old && T.src === undefined) {
      T.src = now()
      if (el.complete && el.naturalWidth > 0) T.loaded = T.src
      else el.addEventListener('load', () => (T.loaded ??= now()), { once: true })
    }
    if (T.dialogGone === undefined && !document.querySelector('[data-testid="cropper"]')) T.dialogGone = now()
    if (T.maskGone === undefined && !document.querySelector('.n-modal-mask')) T.maskGone = now()
    if (T.src !== undefined && T.dialogGone !== undefined && T.maskGone !== undefined) mo.disconnect()
  }
  const mo = new MutationObserver(seen)
  mo.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['src'] })
}

/** The trace armed by armApplyTrace, relative to the click (page side). */
export function readApplyTrace() {
  const T = window.__applyTrace
  return Object.fromEntries(Object.entries(T).filter(([k]) => k !== 'click').map(([k, v]) => [k, Array.isArray(v) ? v.map((x) => Math.round(x - T.click)).join(' ') : Math.round(v - T.click)]))
}
