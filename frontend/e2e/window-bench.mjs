// The clerk's waits in the real app window: the production binary (Wails +
// WebKitGTK, as `make build` makes it and scripts/smoke.sh starts it) under
// Xvfb. A benchmark, not a test: it prints median and worst of several runs
// and the machine's load; `make bench` runs it through scripts/window-bench.sh
// (which starts Xvfb and compiles scripts/xwatch.c); docs/bench.md keeps the
// figures next to the Chromium ones of e2e/bench.mjs.
//
// Nothing is added to the app. The page is reached through WebKitGTK's own
// remote inspector, switched on for the benchmark's runs only by WebKit's
// environment variable WEBKIT_INSPECTOR_HTTP_SERVER (a loopback port; the app
// never opens it by itself). Through it the benchmark reads the page's
// Performance API and arms the same in-page timers as the Chromium benchmark
// (e2e/benchlib.mjs); clicks are real mouse clicks into the window (xdotool).
//
// First paint is measured from the moment the process is started:
//   - "window shows the app": scripts/xwatch.c polls the window's pixels every
//     5 ms until it shows the UI (more than 50 colours, as the smoke test), in
//     runs without the inspector and in runs with it;
//   - "first contentful paint": the page's paint timing entry
//     (performance.timeOrigin + startTime), with the inspector on.
import { spawn, execFileSync } from 'node:child_process'
import { readFileSync, readdirSync, writeFileSync, mkdtempSync, mkdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { loadavg, cpus, tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { cardJpeg } from './form.mjs'
import { reporter, timed, loadLine, median, cropperShown, slotShowsNewExport, CROPPER_CLOSE, armApplyTrace, readApplyTrace } from './benchlib.mjs'

const root = resolve(import.meta.dirname, '..', '..')
const BIN = resolve(root, process.env.ICPDESK_BIN || 'build/bin/icpdesk')
const XWATCH = process.env.XWATCH
// BENCH_RUNS: runs per wait; ICPDESK_BIN: another build of the app (to compare).
const RUNS = Number(process.env.BENCH_RUNS || 7)
// BENCH_ONLY=cropper (or a comma list of paint, steps, checklist, cropper,
// reopen) measures only those waits; all of them by default. BENCH_TRACE=1
// also prints, per apply, where its time went (benchlib's armApplyTrace).
const ONLY = (process.env.BENCH_ONLY || 'paint,steps,checklist,cropper,reopen').split(',').map((x) => x.trim())
const only = (part) => ONLY.includes(part)
const TRACE = !!process.env.BENCH_TRACE
const artifacts = join(root, 'test-artifacts')
const example = JSON.parse(readFileSync(join(root, 'docs', 'examples', 'application.json'), 'utf8'))
if (!XWATCH) throw new Error('XWATCH is not set: run scripts/window-bench.sh')
if (!process.env.DISPLAY) throw new Error('no DISPLAY: run scripts/window-bench.sh (it starts Xvfb)')

const { results, report } = reporter()
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer()
    srv.on('error', rej)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => res(port))
    })
  })
}

/** Stops a process started with detached: true, with its whole group. */
function stopGroup(proc, signal = 'SIGTERM') {
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve()
  return new Promise((res) => {
    const hard = setTimeout(() => {
      try {
        process.kill(-proc.pid, 'SIGKILL')
      } catch {
        /* gone */
      }
    }, 5000)
    proc.once('exit', () => {
      clearTimeout(hard)
      res()
    })
    try {
      process.kill(-proc.pid, signal)
    } catch {
      clearTimeout(hard)
      res()
    }
  })
}

/**
 * CPU time (user + system, ms) used so far by each process of the process
 * group pgid (the app, WebKit's web and network processes), by name. Under
 * load, wall time mostly measures the other processes; CPU time is the work
 * the app itself did, the steadier figure for comparing builds.
 */
function cpuByProcess(pgid) {
  const hz = 100 // USER_HZ on Linux
  const out = {}
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue
    let stat
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    } catch {
      continue // gone
    }
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ') // f[0] is field 3 (state)
    if (Number(f[2]) !== pgid) continue
    out[comm] = (out[comm] ?? 0) + ((Number(f[11]) + Number(f[12])) * 1000) / hz
  }
  return out
}

/**
 * Starts the app on workspace ws, xwatch first so that it sees the window
 * from its first frame. Returns { t0, shown: Promise<{ window, shown }>, port, stop() }.
 */
async function launch(ws, { inspector, frame }) {
  const watch = spawn(XWATCH, ['ICP Desk', '50', '60', ...(frame ? [frame] : [])], { detached: true, stdio: ['ignore', 'pipe', 'inherit'] })
  let out = ''
  watch.stdout.on('data', (d) => (out += d))
  const watched = new Promise((res, rej) =>
    watch.on('exit', (code) => {
      const w = /window (\S+) (\d+)/.exec(out)
      const s = /shown (\d+)/.exec(out)
      if (code === 0 && w && s) res({ wid: String(parseInt(w[1], 16)), window: Number(w[2]), shown: Number(s[1]) })
      else rej(new Error(`xwatch: no ICP Desk window showing the UI within 60 s (${out.trim()})`))
    }),
  )
  await sleep(100) // xwatch is polling before the app starts
  const port = inspector ? await freePort() : 0
  const env = { ...process.env, ICPDESK_WORKSPACE: ws }
  if (inspector) env.WEBKIT_INSPECTOR_HTTP_SERVER = `127.0.0.1:${port}`
  let log = ''
  const t0 = Date.now()
  const app = spawn(BIN, [], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  app.stdout.on('data', (d) => (log += d))
  app.stderr.on('data', (d) => (log += d))
  const stop = async () => {
    await stopGroup(watch, 'SIGKILL')
    await stopGroup(app)
  }
  try {
    const seen = await watched
    const inspect = () =>
      Inspector.connect(port).catch((e) => {
        throw new Error(`${e.message} (the app ${app.exitCode ?? app.signalCode ?? 'still runs'}); app log:\n${log.split('\n').slice(-30).join('\n')}`)
      })
    return { t0, port, seen, cpu: cpuByProcess(app.pid), stop, inspect }
  } catch (e) {
    await stop()
    throw new Error(`${e.message}\napp log:\n${log.split('\n').slice(-30).join('\n')}`)
  }
}

/**
 * launch with the inspector connected (a.ins). WebKitGTK's inspector server
 * now and then does not answer (or takes the app down); such a launch is
 * said so on stderr and tried once more.
 */
async function launchInspected(ws) {
  for (let attempt = 1; ; attempt++) {
    const a = await launch(ws, { inspector: true })
    try {
      a.ins = await a.inspect()
      return a
    } catch (e) {
      await a.stop()
      if (attempt === 2) throw e
      console.error(`window-bench: launch not counted, trying again: ${e.message.split('\n')[0]}`)
    }
  }
}

/**
 * A client of WebKit's remote inspector (the HTTP server's WebSocket, WebKit
 * inspector protocol): evaluates in the page and offers the two calls
 * benchlib's timed() needs, like playwright's page.
 */
class Inspector {
  static async connect(port, ms = 30000) {
    const deadline = Date.now() + ms
    for (;;) {
      try {
        const ws = await new Promise((res, rej) => {
          const s = new WebSocket(`ws://127.0.0.1:${port}/socket/1/1/WebPage`)
          s.onopen = () => res(s)
          s.onerror = () => rej(new Error('no inspector'))
        })
        const ins = new Inspector(ws)
        await ins.targetReady()
        return ins
      } catch (e) {
        if (Date.now() > deadline) throw new Error(`WebKit's inspector did not answer on port ${port}: ${e.message}`)
        await sleep(100)
      }
    }
  }

  constructor(ws) {
    this.ws = ws
    this.next = 1
    this.pending = new Map()
    this.target = null
    this.waiters = []
    ws.onmessage = (e) => {
      const m = JSON.parse(e.data)
      if (m.method === 'Target.targetCreated') this.setTarget(m.params.targetInfo.targetId)
      else if (m.method === 'Target.didCommitProvisionalTarget') this.setTarget(m.params.newTargetId)
      else if (m.method === 'Target.dispatchMessageFromTarget') {
        const r = JSON.parse(m.params.message)
        const p = this.pending.get(r.id)
        if (!p) return
        this.pending.delete(r.id)
        if (r.error) p.reject(new Error(r.error.message))
        else p.resolve(r.result)
      }
    }
    ws.onclose = () => {
      for (const p of this.pending.values()) p.reject(new Error('inspector closed'))
    }
  }

  setTarget(id) {
    this.target = id
    for (const w of this.waiters.splice(0)) w()
  }

  targetReady() {
    if (this.target) return Promise.resolve()
    return Promise.race([
      new Promise((res) => this.waiters.push(res)),
      sleep(5000).then(() => {
        throw new Error('no page target')
      }),
    ])
  }

  send(method, params) {
    const id = this.next++
    const message = JSON.stringify({ id, method, params })
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      this.ws.send(JSON.stringify({ id, method: 'Target.sendMessageToTarget', params: { targetId: this.target, message } }))
    })
  }

  async value(expression) {
    const r = await this.send('Runtime.evaluate', { expression, returnByValue: true })
    if (r.wasThrown) throw new Error(`in the page: ${r.result.description ?? JSON.stringify(r.result)}`)
    return r.result.value
  }

  evaluate(fn, arg) {
    return this.value(`(${fn})(${arg === undefined ? '' : JSON.stringify(arg)})`)
  }

  async waitForFunction(fn, arg, { timeout = 30000, polling = 50 } = {}) {
    const deadline = Date.now() + timeout
    for (;;) {
      const v = await this.evaluate(fn, arg)
      if (v) return v
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(fn).slice(0, 120)}`)
      await sleep(polling)
    }
  }

  /** Runs an async function in the page and returns its result. */
  async call(fn, arg) {
    const key = `__wb${this.next++}`
    await this.value(
      `(Promise.resolve((${fn})(${arg === undefined ? '' : JSON.stringify(arg)})).then((v) => (window.${key} = { v }), (e) => (window.${key} = { e: String((e && e.stack) || e) })), 0)`,
    )
    const r = await this.waitForFunction(`() => window.${key}`)
    if (r.e) throw new Error(`in the page: ${r.e}`)
    return r.v
  }

  close() {
    this.ws.close()
  }
}

/** A real mouse click on the middle of the element (scrolled into view first). */
async function click(ins, wid, selector) {
  const [x, y] = await ins.evaluate((s) => {
    const el = document.querySelector(s)
    if (!el) throw new Error(`no ${s}`)
    el.scrollIntoView({ block: 'nearest' })
    const r = el.getBoundingClientRect()
    const [x, y] = [Math.round(r.x + r.width / 2), Math.round(r.y + r.height / 2)]
    const hit = document.elementFromPoint(x, y)
    if (!hit || !(el.contains(hit) || hit.contains(el))) throw new Error(`a click at ${x},${y} for ${s} would land on ${hit?.outerHTML.slice(0, 200)}`)
    return [x, y]
  }, selector)
  execFileSync('xdotool', ['mousemove', '--window', wid, String(x), String(y), 'click', '1'])
}

const appShown = () => !!document.querySelector('[data-testid="app-name"]')

/**
 * One launch first: creates the workspace and the example application (so
 * the first paints show a list, as a clerk's daily start does; creating the
 * workspace file is not part of it). Returns the application's id.
 */
async function setup(ws) {
  const a = await launchInspected(ws)
  try {
    const ins = a.ins
    await ins.waitForFunction(appShown)
    const id = await ins.call(async (doc) => {
      const v = await window.go.app.FilingService.NewApplication(0, '基准测试')
      await window.go.app.FilingService.SaveDraft(v.record.id, [{ path: '', value: doc }])
      return v.record.id
    }, example)
    ins.close()
    return id
  } finally {
    await a.stop()
  }
}

/** First paint: RUNS launches without the inspector, RUNS with it. */
async function firstPaint(ws) {
  const plain = []
  const cpu = {}
  const frame = join(dirname(ws), 'frame.ppm')
  for (let i = 0; i < RUNS; i++) {
    const a = await launch(ws, { inspector: false, frame })
    plain.push(a.seen.shown - a.t0)
    for (const [name, ms] of Object.entries(a.cpu)) (cpu[name] ??= []).push(ms)
    await a.stop()
  }
  // What the first frame judged "shows the app" looked like (the last run's).
  execFileSync('convert', [frame, join(artifacts, 'window-bench-first-frame.png')])
  const shown = []
  const fcp = []
  const fcpPage = []
  const nav = []
  const detail = []
  for (let i = 0; i < RUNS; i++) {
    const a = await launchInspected(ws)
    try {
      shown.push(a.seen.shown - a.t0)
      const ins = a.ins
      await ins.waitForFunction(appShown)
      const p = await ins.evaluate(() => {
        const n = performance.getEntriesByType('navigation')[0]
        return {
          origin: performance.timeOrigin,
          fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
          responseEnd: n?.responseEnd,
          domInteractive: n?.domInteractive,
          domContentLoaded: n?.domContentLoadedEventEnd,
        }
      })
      ins.close()
      nav.push(p.origin - a.t0)
      fcp.push(p.origin + p.fcp - a.t0)
      fcpPage.push(p.fcp)
      detail.push({ ...p, fromStart: Math.round(p.origin - a.t0), windowMapped: a.seen.window - a.t0, shown: a.seen.shown - a.t0 })
    } finally {
      await a.stop()
    }
  }
  report('process start → page load', null, nav)
  report('first contentful paint', 700, fcp)
  report('FCP from page load', 700, fcpPage)
  report('window shows the app', 700, shown)
  report('… without the inspector', 700, plain)
  console.log(
    `  CPU time until the window shows the app (median, without the inspector): ${Object.entries(cpu)
      .map(([name, xs]) => `${name} ${Math.round(median(xs))} ms`)
      .join(', ')}`,
  )
  results.push({ name: 'CPU until shown', cpu: Object.fromEntries(Object.entries(cpu).map(([n, xs]) => [n, Math.round(median(xs))])) })
  const mid = detail.find((d) => d.shown === median(shown)) ?? detail[0]
  console.log(
    `  one run (the median): window mapped ${mid.windowMapped} ms, page load starts ${mid.fromStart} ms; then (from page load) ` +
      `document ${Math.round(mid.responseEnd)}, DOM interactive ${Math.round(mid.domInteractive)}, DOMContentLoaded ${Math.round(mid.domContentLoaded)}, ` +
      `FCP ${Math.round(mid.fcp)} ms (WebKit keeps no resource timing for the app's wails:// assets)`,
  )
}

/** The waits inside the app, on one launch with the inspector on. */
async function waits(ws, id) {
  const a = await launchInspected(ws)
  const wid = a.seen.wid
  try {
    const ins = a.ins
    // benchlib's timed(), once the page's animations have ended (a clerk does
    // not click through a dialog's opening or closing); on failure the window
    // is kept as test-artifacts/window-bench-failed.png.
    const settle = () => ins.waitForFunction(() => document.getAnimations().every((x) => x.playState !== 'running'))
    const measure = async (name, click, ready, arg) => {
      try {
        await settle()
        return await timed(ins, click, ready, arg)
      } catch (e) {
        execFileSync('import', ['-window', wid, join(artifacts, 'window-bench-failed.png')])
        throw new Error(`${name}: ${e.message}`)
      }
    }
    await ins.waitForFunction(appShown)
    await ins.waitForFunction((id) => !!document.querySelector(`[data-testid="application-row"][data-id="${id}"] button`), id)
    await click(ins, wid, `[data-testid="application-row"][data-id="${id}"] button`)
    await ins.waitForFunction(() => !!document.querySelector('[data-testid="steps"]'))

    // Switching steps: each step of the wizard in turn.
    if (only('steps')) {
      const switches = []
      for (let i = 0; i < RUNS; i++) {
        for (const s of ['entity', 'websites', 'materials', 'review', 'type']) {
          switches.push(
            await measure('switch step', () => click(ins, wid, `[data-testid="step-${s}"]`), (name) => !!document.querySelector(`[data-testid="form-${name}"]`), s),
          )
        }
      }
      report('switch step', 100, switches)
    }

    // A checklist: from 生成核验单 to its card showing the stored PDF.
    if (only('checklist')) await checklist(ins, wid, measure)

    // The cropper: open on an imported photo, apply.
    if (only('cropper')) await cropper(ins, wid, measure, settle)
    ins.close()
  } finally {
    await a.stop()
  }
}

async function checklist(ins, wid, measure) {
  await click(ins, wid, '[data-testid="step-review"]')
  await ins.waitForFunction(() => !!document.querySelector('[data-testid="form-review"]'))
  const checklists = []
  const sel = '[data-testid="checklist-w1"] [data-testid="checklist-generate"]'
  await ins.waitForFunction((s) => !!document.querySelector(s), sel)
  for (let i = 0; i < RUNS; i++) {
    const before = await ins.evaluate(
      () => document.querySelector('[data-testid="checklist-w1"] [data-testid="checklist-preview"]')?.getAttribute('data') ?? null,
    )
    checklists.push(
      await measure(
        'checklist',
        () => click(ins, wid, sel),
        (old) => {
          const el = document.querySelector('[data-testid="checklist-w1"] [data-testid="checklist-preview"]')
          return !!el && el.getAttribute('data') !== old
        },
        before,
      ),
    )
  }
  report('checklist visible', 300, checklists)
  await sleep(1000) // only for the screenshot: what the clerk sees of the card
  execFileSync('import', ['-window', wid, join(artifacts, 'window-bench-checklist.png')])
}

async function cropper(ins, wid, measure, settle) {
  await click(ins, wid, '[data-testid="step-materials"]')
  await ins.waitForFunction(() => !!document.querySelector('[data-testid="form-materials"]'))
  const dir = mkdtempSync(join(tmpdir(), 'icpdesk-window-bench-'))
  try {
    const photo = join(dir, 'id.jpg')
    writeFileSync(photo, await cardJpeg(ins))
    const slot = '[data-testid="slot-person_id_front"]'
    await ins.evaluate(
      ([s, p]) => document.querySelector(s).dispatchEvent(new CustomEvent('photo-drop', { detail: { paths: [p] } })),
      [slot, photo],
    )
    await ins.waitForFunction((s) => !!document.querySelector(`${s} [data-testid="photo-preview"]`), slot, { timeout: 60000 })
    const opens = []
    const reopens = []
    const applies = []
    const adjust = `${slot} [data-testid="slot-adjust"]`
    for (let i = 0; i < RUNS; i++) {
      opens.push(await measure('cropper open', () => click(ins, wid, adjust), cropperShown))
      // Closed without applying and opened again: the picture is cached by now.
      // (The dialog's opening animation moves its buttons until it ends.)
      await settle()
      await click(ins, wid, CROPPER_CLOSE)
      await ins.waitForFunction(() => !document.querySelector('[data-testid="cropper"]'))
      reopens.push(await measure('cropper open', () => click(ins, wid, adjust), cropperShown))
      const src = await ins.evaluate((s) => document.querySelector(`${s} [data-testid="photo-preview"]`).getAttribute('src'), slot)
      await settle()
      await click(ins, wid, '[data-testid="rotate-right"]')
      if (TRACE) await ins.evaluate(armApplyTrace, src)
      applies.push(await measure('cropper apply', () => click(ins, wid, '[data-testid="cropper-apply"]'), slotShowsNewExport, src))
      if (TRACE) console.log(`  apply ${Math.round(applies.at(-1))} ms:`, JSON.stringify(await ins.evaluate(readApplyTrace)))
    }
    report('cropper open', 300, opens)
    report('cropper open again', 300, reopens)
    report('cropper apply', 500, applies)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * Reopening: a clerk's everyday start lands on the application they worked on
 * last (App.vue asks for it once the window shows). From process start to
 * the frame in which that application's step form is on screen. The page is
 * watched from the moment the inspector connects (after the first frame); a
 * form already there by then is counted at that moment (an upper bound) and
 * said so.
 */
async function reopen(ws) {
  const times = []
  let early = 0
  for (let i = 0; i < RUNS; i++) {
    const a = await launchInspected(ws)
    try {
      const ins = a.ins
      const already = await ins.evaluate(() => {
        const ready = () => !!document.querySelector('[data-testid="steps"]') && !!document.querySelector('[data-testid^="form-"]')
        const r = (window.__reopen = { at: undefined, already: ready() })
        const tick = () => {
          if (ready()) r.at = performance.now()
          else requestAnimationFrame(tick)
        }
        tick()
        return r.already
      })
      if (already) early++
      const at = await ins.waitForFunction(() => window.__reopen.at, undefined, { timeout: 60000 })
      times.push(at + (await ins.evaluate(() => performance.timeOrigin)) - a.t0)
      ins.close()
    } finally {
      await a.stop()
    }
  }
  report('reopen: last application', null, times)
  if (early) console.log(`  (${early} of ${RUNS} runs: the form was there before the inspector connected; counted at that moment)`)
}

mkdirSync(artifacts, { recursive: true })
const dir = mkdtempSync(join(tmpdir(), 'icpdesk-window-bench-ws-'))
const ws = join(dir, 'workspace.icpdesk')
const load0 = loadavg()
try {
  console.log(`real window (${BIN}, WebKitGTK under Xvfb), ${RUNS} runs each`)
  // BENCH_PAINT_ONLY=1: first paint only, on an empty workspace (to compare frontend builds quickly).
  const id = process.env.BENCH_PAINT_ONLY ? undefined : await setup(ws)
  if (only('paint')) await firstPaint(ws)
  if (id !== undefined) {
    if (only('steps') || only('checklist') || only('cropper')) await waits(ws, id)
    if (only('reopen')) await reopen(ws)
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}
const load = loadLine(load0, loadavg(), cpus().length)
console.log(load)
if (process.env.BENCH_OUT) writeFileSync(process.env.BENCH_OUT, JSON.stringify({ date: new Date().toISOString(), window: true, load, runs: RUNS, results }, null, 2))
