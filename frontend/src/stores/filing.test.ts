import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { Application, ApplicationView } from '../api'

const api = vi.hoisted(() => ({
  get: vi.fn(),
  saveDraft: vi.fn(),
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
    record: { id: 7, clientId: 1, status: 'draft', doc: d, createdAt: '', updatedAt: '2026-11-23T10:00:00Z' },
    findings,
    type: { type: '', reason: 'unanswered' },
    hints: [],
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
    api.saveDraft.mockImplementation(async () => view(doc(), [{ rule: 'entity.name.required', field: 'entity.name', severity: 'block' }]))
    s.set('entity.name', '北')
    s.set('entity.person.mobile', '138')
    s.set('entity.name', '北京某某科技有限公司')
    expect(s.saveState).toBe('pending')
    expect(api.saveDraft).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(SAVE_DEBOUNCE_MS + 10)
    expect(api.saveDraft).toHaveBeenCalledTimes(1)
    expect(api.saveDraft).toHaveBeenCalledWith(7, [
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
    api.saveDraft.mockRejectedValueOnce(new Error('{"code":"read_only"}'))
    s.set('entity.name', '某某公司')
    await s.flush()
    expect(s.saveState).toBe('error')
    expect(s.saveError?.code).toBe('read_only')
    expect(s.get('entity.name')).toBe('某某公司')
    expect(s.hasPending()).toBe(true)

    api.saveDraft.mockResolvedValueOnce(view(doc()))
    await s.flush()
    expect(api.saveDraft).toHaveBeenLastCalledWith(7, [{ path: 'entity.name', value: '某某公司' }])
    expect(s.saveState).toBe('saved')
    expect(s.hasPending()).toBe(false)
  })

  it('a newer edit made during a failed save wins over the failed one', async () => {
    const s = useFilingStore()
    let reject!: (e: unknown) => void
    api.saveDraft.mockImplementationOnce(() => new Promise((_, r) => (reject = r)))
    s.set('entity.name', 'old')
    const f = s.flush()
    s.set('entity.name', 'new')
    reject(new Error('{"code":"internal"}'))
    await f
    api.saveDraft.mockResolvedValue(view(doc()))
    await s.flush()
    expect(api.saveDraft).toHaveBeenLastCalledWith(7, [{ path: 'entity.name', value: 'new' }])
  })

  it('saves a list built from the document (added and removed websites)', async () => {
    const s = useFilingStore()
    const d = doc()
    d.websites = [{ id: 'w1', name: '甲', domains: ['a.cn'], serviceContent: [], languages: ['zh-CN'], sameAsEntity: true, person: d.entity.person }]
    api.get.mockResolvedValue(view(d))
    await s.open(7)
    api.saveDraft.mockImplementation(async (_id: number, ps: { path: string; value: unknown }[]) => view({ ...d, websites: ps[0].value as Application['websites'] }))
    const added = { ...d.websites[0], id: 'w2', name: '', domains: [''] }
    // The reactive document's elements are proxies: the patch must still be sent.
    s.set('websites', [...s.doc!.websites, added])
    await s.flush()
    expect(api.saveDraft).toHaveBeenCalledTimes(1)
    const sent = api.saveDraft.mock.calls[0][1][0]
    expect(sent.path).toBe('websites')
    expect((sent.value as { id: string }[]).map((w) => w.id)).toEqual(['w1', 'w2'])
    s.set('websites', s.doc!.websites.filter((w) => w.id !== 'w1'))
    await s.flush()
    expect((api.saveDraft.mock.calls[1][1][0].value as { id: string }[]).map((w) => w.id)).toEqual(['w2'])
    expect(s.saveState).toBe('saved')
  })

  it('forgets what was touched and revealed when another application opens', async () => {
    const s = useFilingStore()
    api.saveDraft.mockImplementation(async () => view(doc()))
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
    api.get.mockResolvedValue(v)
    const s = useFilingStore()
    await s.open(7)
    expect(s.readOnly).toBe(true)
    s.set('entity.name', '改名')
    await s.flush()
    expect(s.get('entity.name')).toBe('')
    expect(api.saveDraft).not.toHaveBeenCalled()
  })
})
