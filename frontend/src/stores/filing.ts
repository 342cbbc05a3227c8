import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { filing as api, toApiError, type ApiError } from '../api'
import type { Application, ApplicationView, DraftConflict, DraftPatch, Finding, FormOptions } from '../api'
import { getPath, isUnder, setPath } from '../lib/path'

export const SAVE_DEBOUNCE_MS = 400

export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error'

// The application open in the wizard. Edits change the local document at once
// and are queued as patches; the queue is sent to Go after a short pause (and
// at once on blur, Ctrl+S, step change and window close). A failed save keeps
// the queue and the typed values, and retries.
export const useFilingStore = defineStore('filing', () => {
  const view = shallowRef<ApplicationView | null>(null)
  const doc = ref<Application | null>(null)
  const findings = ref<Finding[]>([])
  const options = shallowRef<FormOptions | null>(null)
  const saveState = ref<SaveState>('idle')
  const savedAt = ref<Date | null>(null)
  const saveError = ref<ApiError | null>(null)
  const loadError = ref<ApiError | null>(null)
  // Fields another clerk changed too: the clerk's value was not saved and
  // waits here until the clerk keeps theirs or saves mine over it.
  const conflicts = ref<DraftConflict[]>([])

  // Findings show under a field once the clerk has touched it or left its
  // step, so a new form is not a wall of red before anything was typed.
  const touched = ref(new Set<string>())
  const revealed = ref(new Set<string>())

  // Bumped when a checklist PDF or a photo of the open application was made
  // outside the document (they do not change updatedAt), so whatever shows
  // readiness re-checks at once instead of when the step is left.
  const materials = ref(0)
  const materialsChanged = () => void materials.value++

  const pending = new Map<string, DraftPatch>()
  let timer: ReturnType<typeof setTimeout> | undefined
  let inflight: Promise<void> | null = null

  const id = computed(() => view.value?.record.id ?? 0)
  // Submitted applications are frozen until a rejection reopens them (Go's backend.Editable).
  const readOnly = computed(() => view.value !== null && !view.value.flags.editable)
  const blocking = computed(() => findings.value.filter((f) => f.severity === 'block'))

  async function loadOptions() {
    if (!options.value) options.value = await api.options()
  }

  function adopt(v: ApplicationView) {
    view.value = v
    findings.value = v.findings ?? []
  }

  /**
   * Takes the stored document after a save or another clerk's change: it may
   * hold others' edits; changes still queued here are applied on top, so
   * nothing typed meanwhile is lost.
   */
  function adoptDoc(v: ApplicationView) {
    const next = structuredClone(v.record.doc)
    for (const p of pending.values()) {
      if (!p.delete) setPath(next as unknown as Record<string, unknown>, p.path, structuredClone(p.value))
    }
    doc.value = next
  }

  function addConflicts(cs: DraftConflict[] | undefined) {
    if (!cs?.length) return
    const byPath = new Map(conflicts.value.map((c) => [c.path, c]))
    for (const c of cs) byPath.set(c.path, c)
    conflicts.value = [...byPath.values()]
  }

  /** Keeps the other clerk's value (already shown): the conflict goes. */
  function keepTheirs(path: string) {
    conflicts.value = conflicts.value.filter((c) => c.path !== path)
  }

  /** Saves the clerk's own value over the other clerk's, now knowingly. */
  async function keepMine(path: string) {
    const c = conflicts.value.find((x) => x.path === path)
    if (!c) return
    keepTheirs(path)
    if (c.mine === null) {
      pending.delete(path)
      pending.set(path, { path, delete: true })
      saveState.value = 'pending'
    } else {
      set(path, structuredClone(c.mine))
    }
    await flush()
  }

  /**
   * Another clerk changed application applicationId (0: maybe any): reload
   * it unless changes are waiting to be saved (their save brings the merged
   * document back anyway).
   */
  async function onRemoteChange(applicationId: number) {
    if (!id.value || (applicationId !== 0 && applicationId !== id.value)) return
    if (pending.size || inflight) return
    try {
      const v = await api.get(id.value)
      if (pending.size || inflight || v.record.id !== id.value) return
      if (v.record.rev === view.value?.record.rev) return
      adopt(v)
      adoptDoc(v)
    } catch {
      // the next save or reopen reports it
    }
  }

  // A team workspace's lists show who has an application open: say so now
  // and every 20 s while it stays open (a crashed app ages out in a minute).
  let editingTimer: ReturnType<typeof setInterval> | undefined
  function announceEditing(applicationId: number) {
    clearInterval(editingTimer)
    const tell = () => void api.editing?.(applicationId)?.catch(() => {})
    tell()
    if (applicationId) editingTimer = setInterval(tell, 20000)
  }

  async function open(applicationId: number) {
    await flush()
    loadError.value = null
    try {
      await loadOptions()
      const v = await api.get(applicationId)
      if (v.record.id !== id.value) {
        // Another application: what was touched or revealed in the last one says nothing here.
        touched.value = new Set()
        revealed.value = new Set()
        conflicts.value = []
      }
      adopt(v)
      doc.value = structuredClone(v.record.doc)
      announceEditing(v.record.id)
      saveState.value = 'idle'
      savedAt.value = new Date(v.record.updatedAt)
    } catch (err) {
      loadError.value = toApiError(err)
      throw loadError.value
    }
  }

  /** The wizard is left: others' lists stop showing this clerk on it. */
  function leave() {
    if (view.value) announceEditing(0)
  }

  function close() {
    if (view.value) announceEditing(0)
    touched.value = new Set()
    revealed.value = new Set()
    view.value = null
    doc.value = null
    findings.value = []
    conflicts.value = []
  }

  function get(path: string): unknown {
    return getPath(doc.value, path)
  }

  /** Changes one field (or a whole section) and queues it for saving. */
  function set(path: string, value: unknown) {
    if (!doc.value || readOnly.value) return
    setPath(doc.value as unknown as Record<string, unknown>, path, value)
    touched.value.add(path)
    // Re-inserting moves the path to the end, so patches keep the edit order.
    pending.delete(path)
    pending.set(path, { path, value: plain(value) })
    saveState.value = 'pending'
    clearTimeout(timer)
    timer = setTimeout(() => void flush(), SAVE_DEBOUNCE_MS)
  }

  /** Sends every queued change now; resolves when they are saved or failed. */
  async function flush(): Promise<void> {
    clearTimeout(timer)
    while (inflight) await inflight
    if (pending.size === 0 || id.value === 0) return
    const patches = [...pending.values()]
    pending.clear()
    saveState.value = 'saving'
    inflight = (async () => {
      try {
        // Saved "from" the revision this screen last had: another clerk's
        // change of another field merges, of the same field comes back.
        const base = view.value?.record.rev ?? 0
        const v = await api.saveDraftFrom(id.value, base, patches)
        adopt(v)
        // More than this save's own step, or a clash: others changed it meanwhile.
        if (base && ((v.record.rev ?? 0) > base + 1 || v.conflicts?.length)) adoptDoc(v)
        addConflicts(v.conflicts)
        savedAt.value = new Date()
        saveError.value = null
        saveState.value = pending.size ? 'pending' : 'saved'
      } catch (err) {
        // Put the changes back unless newer ones for the same field exist.
        for (const p of patches) if (!pending.has(p.path)) pending.set(p.path, p)
        saveError.value = toApiError(err)
        saveState.value = 'error'
      } finally {
        inflight = null
      }
    })()
    await inflight
    if (pending.size && (saveState.value as SaveState) !== 'error') {
      clearTimeout(timer)
      timer = setTimeout(() => void flush(), SAVE_DEBOUNCE_MS)
    }
  }

  /** Findings for exactly this field. */
  function findingsAt(path: string): Finding[] {
    return findings.value.filter((f) => f.field === path)
  }

  /** Findings for this field and everything under it. */
  function findingsUnder(path: string): Finding[] {
    return findings.value.filter((f) => isUnder(f.field, path))
  }

  /**
   * Ticks (yes) or unticks a hand-check. Allowed in every status (a tick is
   * not an edit); the answer carries the findings with confirmedAt set.
   */
  async function confirm(f: Finding, yes: boolean) {
    if (!id.value) return
    await flush()
    adopt(await api.confirm(id.value, stripConfirmed(f), yes))
  }

  async function setStep(step: string) {
    if (!id.value) return
    await flush()
    try {
      await api.setStep(id.value, step)
    } catch {
      /* remembering the step is a convenience; never block on it */
    }
  }

  /** Whether findings for path should show beside its field. */
  function shown(path: string, step: string): boolean {
    if (revealed.value.has(step)) return true
    for (const p of touched.value) if (isUnder(path, p) || isUnder(p, path)) return true
    return false
  }

  function reveal(step: string) {
    revealed.value.add(step)
  }

  return {
    touched,
    revealed,
    shown,
    reveal,
    view,
    doc,
    findings,
    options,
    saveState,
    savedAt,
    saveError,
    loadError,
    id,
    readOnly,
    blocking,
    loadOptions,
    open,
    close,
    get,
    set,
    flush,
    findingsAt,
    findingsUnder,
    setStep,
    confirm,
    materials,
    materialsChanged,
    hasPending: () => pending.size > 0,
    conflicts,
    keepMine,
    keepTheirs,
    onRemoteChange,
    leave,
  }
})

/** The finding as the rules emitted it (the key ignores confirmedAt anyway). */
function stripConfirmed(f: Finding): Finding {
  return { rule: f.rule, field: f.field, severity: f.severity, params: f.params ? plain(f.params) as Record<string, unknown> : undefined }
}

/**
 * A detached copy of a value for a patch. Values built from the document (a
 * website list spread from the reactive array) hold Vue proxies, which
 * structuredClone refuses; the document is plain JSON, so a JSON copy is exact.
 */
function plain(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value))
}
