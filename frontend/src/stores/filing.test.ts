import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { Application, ApplicationView } from '../api'

const api = vi.hoisted(() => ({
  get: vi.fn(),
  saveDraftFrom: vi.fn(),
  options: vi.fn(),
  setStep: vi.fn(),
}))
vi.mock('../api', async (orig) => ({ ...(await orig<typeof import('../api')>()), filing: api }))

import { SAVE_DEBOUNCE_MS, useFilingStore } from './filing'

function doc(): Application {
  return {
    version: 1,
    type: '',
    answers: {},
    entity: {
      province: '', city: '', district: '', nature: '', certType: '', certNumber: '', name: '',
      certAddress: '', address: '',
      person: { name: '', idType: '', idNumber: '', idValidity: {}, mobile: '', email: '' },
    },
    websites: [],
  }
}

function view(d: Application, findings = [] as ApplicationView['findings']): ApplicationView {
  return {
    record: { id: 7, clientId: 1, status: 'draft', doc: d, rev: 1, createdAt: '', updatedAt: '2026-11-23T10:00:00Z' },
    findings,
    type: { goal: '', type: '', reason: 'unanswered', asked: [] },
    hints: [],
    suggest: {},
    flags: { editable: true, preparing: true, tracking: false, canMarkReady: true, canSubmit: false, next: ['abandoned'] },
  }
}

describe('filing store autosave', () => {
  beforeEach(async () => {
    vi.useFakeTimers()
    setActivePinia(createPinia())
    vi.resetAllMocks()
    api.options.mockResolvedValue({})
    api.get.mockResolvedValue(view(doc()))
    await useFilingStore().open(7)
  })
  afterEach(() => vi.useRealTimers())

  it('coalesces quick edits into one save after the pause, in edit order', async () => {
    const s = useFilingStore()
    api.saveDraftFrom.mockImplementation(async () => view(doc(), [{ rule: 'entity.name.required', field: 'entity.name', severity: 'block' }]))
    s.set('entity.name', '北')
    s.set('entity.person.mobile', '138')
    s.set('entity.name', '北京某某科技有限公司')
    expect(s.saveState).toBe('pending')
    expect(api.saveDraftFrom).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(SAVE_DEBOUNCE_MS + 10)
    expect(api.saveDraftFrom).toHaveBeenCalledTimes(1)
    expect(api.saveDraftFrom).toHaveBeenCalledWith(7, 1, [
      { path: 'entity.person.mobile', value: '138' },
      { path: 'entity.name', value: '北京某某科技有限公司' },
    ])
    expect(s.saveState).toBe('saved')
    expect(s.findingsAt('entity.name')).toHaveLength(1)
    // The local document keeps what was typed.
    expect(s.get('entity.name')).toBe('北京某某科技有限公司')
  })

  it('keeps the typed values and retries after a failed save', async () => {
    const s = useFilingStore()
    api.saveDraftFrom.mockRejectedValueOnce(new Error('{"code":"read_only"}'))
    s.set('entity.name', '某某公司')
    await s.flush()
    expect(s.saveState).toBe('error')
    expect(s.saveError?.code).toBe('read_only')
    expect(s.get('entity.name')).toBe('某某公司')
    expect(s.hasPending()).toBe(true)

    api.saveDraftFrom.mockResolvedValueOnce(view(doc()))
    await s.flush()
    expect(api.saveDraftFrom).toHaveBeenLastCalledWith(7, 1, [{ path: 'entity.name', value: '某某公司' }])
    expect(s.saveState).toBe('saved')
    expect(s.hasPending()).toBe(false)
  })

  it('a newer edit made during a failed save wins over the failed one', async () => {
    const s = useFilingStore()
    let reject!: (e: unknown) => void
    api.saveDraftFrom.mockImplementationOnce(() => new Promise((_, r) => (reject = r)))
    s.set('entity.name', 'old')
    const f = s.flush()
    s.set('entity.name', 'new')
    reject(new Error('{"code":"internal"}'))
    await f
    api.saveDraftFrom.mockResolvedValue(view(doc()))
    await s.flush()
    expect(api.saveDraftFrom).toHaveBeenLastCalledWith(7, 1, [{ path: 'entity.name', value: 'new' }])
  })

  it('saves a list built from the document (added and removed websites)', async () => {
    const s = useFilingStore()
    const d = doc()
    d.websites = [{ id: 'w1', name: '甲', domains: ['a.cn'], serviceContent: [], languages: ['zh-CN'], sameAsEntity: true, person: d.entity.person }]
    api.get.mockResolvedValue(view(d))
    await s.open(7)
    api.saveDraftFrom.mockImplementation(async (_id: number, _rev: number, ps: { path: string; value: unknown }[]) => view({ ...d, websites: ps[0].value as Application['websites'] }))
    const added = { ...d.websites[0], id: 'w2', name: '', domains: [''] }
    // The reactive document's elements are proxies: the patch must still be sent.
    s.set('websites', [...s.doc!.websites, added])
    await s.flush()
    expect(api.saveDraftFrom).toHaveBeenCalledTimes(1)
    const sent = api.saveDraftFrom.mock.calls[0][2][0]
    expect(sent.path).toBe('websites')
    expect((sent.value as { id: string }[]).map((w) => w.id)).toEqual(['w1', 'w2'])
    s.set('websites', s.doc!.websites.filter((w) => w.id !== 'w1'))
    await s.flush()
    expect((api.saveDraftFrom.mock.calls[1][2][0].value as { id: string }[]).map((w) => w.id)).toEqual(['w2'])
    expect(s.saveState).toBe('saved')
  })

  it('forgets what was touched and revealed when another application opens', async () => {
    const s = useFilingStore()
    api.saveDraftFrom.mockImplementation(async () => view(doc()))
    s.set('entity.name', '甲')
    s.reveal('entity')
    await s.flush()
    await s.open(7) // the same one again (resume): kept
    expect(s.shown('entity.address', 'entity')).toBe(true)
    const other = view(doc())
    other.record.id = 8
    api.get.mockResolvedValue(other)
    await s.open(8)
    expect(s.shown('entity.address', 'entity')).toBe(false)
    expect(s.shown('entity.name', 'entity')).toBe(false)
  })

  it('does not change a submitted application', async () => {
    const v = view(doc())
    v.record.status = 'submitted'
    v.flags = { editable: false, preparing: false, tracking: true, canMarkReady: false, canSubmit: false, next: ['prelim_review', 'abandoned', 'expired'] }
    api.get.mockResolvedValue(v)
    const s = useFilingStore()
    await s.open(7)
    expect(s.readOnly).toBe(true)
    s.set('entity.name', '改名')
    await s.flush()
    expect(s.get('entity.name')).toBe('')
    expect(api.saveDraftFrom).not.toHaveBeenCalled()
  })
})

describe('filing store with other clerks', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.useFakeTimers()
    api.options.mockResolvedValue({})
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.resetAllMocks()
  })

  it('saves from the rev it shows, merges others’ fields and keeps a clash for the clerk to resolve', async () => {
    api.get.mockResolvedValue(view(doc()))
    const s = useFilingStore()
    await s.open(7)
    // The server has B's city (rev 2) and B's name; A's name clashes.
    const merged = doc()
    merged.entity.city = '杭州'
    merged.entity.name = 'B 的名称'
    api.saveDraftFrom.mockResolvedValueOnce({
      ...view(merged),
      record: { ...view(merged).record, rev: 3 },
      conflicts: [{ path: 'entity.name', mine: 'A 的名称', theirs: 'B 的名称', clerk: '李四', at: '2026-11-30T02:32:00Z' }],
    })
    s.set('entity.name', 'A 的名称')
    await s.flush()
    expect(api.saveDraftFrom).toHaveBeenCalledWith(7, 1, [{ path: 'entity.name', value: 'A 的名称' }])
    expect(s.get('entity.city')).toBe('杭州')
    expect(s.get('entity.name')).toBe('B 的名称')
    expect(s.conflicts).toHaveLength(1)

    // "mine": saved again from the current rev, the conflict goes
    api.saveDraftFrom.mockResolvedValueOnce({ ...view(merged), record: { ...view(merged).record, rev: 4 } })
    await s.keepMine('entity.name')
    expect(api.saveDraftFrom).toHaveBeenLastCalledWith(7, 3, [{ path: 'entity.name', value: 'A 的名称' }])
    expect(s.conflicts).toHaveLength(0)
  })

  it('reloads the open application when another clerk changed it, unless edits are waiting', async () => {
    api.get.mockResolvedValue(view(doc()))
    const s = useFilingStore()
    await s.open(7)
    const theirs = doc()
    theirs.entity.address = '文一西路'
    api.get.mockResolvedValue({ ...view(theirs), record: { ...view(theirs).record, rev: 2 } })
    await s.onRemoteChange(8) // another application: nothing to do
    expect(s.get('entity.address')).toBe('')
    s.set('entity.city', '杭州')
    await s.onRemoteChange(7) // an edit waits: its save brings theirs
    expect(s.get('entity.address')).toBe('')
    const saved = structuredClone(theirs)
    saved.entity.city = '杭州'
    api.saveDraftFrom.mockResolvedValueOnce({ ...view(saved), record: { ...view(saved).record, rev: 3 } })
    await s.flush()
    expect(s.get('entity.address')).toBe('文一西路')
    expect(s.get('entity.city')).toBe('杭州')
  })
})
