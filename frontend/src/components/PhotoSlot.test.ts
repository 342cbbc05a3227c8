import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { ApiError, type PhotoSuggestion, type SlotState } from '../api'
import { createPinia, setActivePinia } from 'pinia'
import { i18n } from '../i18n'
import { useFilingStore } from '../stores/filing'
import PhotoSlot from './PhotoSlot.vue'

const api = vi.hoisted(() => ({
  importDialog: vi.fn(),
  importFile: vi.fn(),
  importBytes: vi.fn(),
  remove: vi.fn(),
  apply: vi.fn(),
  slots: vi.fn(),
  onFileDrop: vi.fn(() => () => {}),
}))
vi.mock('../composables/useErrorToast', () => ({ useErrorToast: () => () => {} }))
vi.mock('../api', async (orig) => ({ ...(await orig<typeof import('../api')>()), photos: api }))

function empty(): SlotState {
  return {
    slot: 'person_id_front',
    field: 'photos.person_id_front',
    required: true,
    reason: 'entity_person',
    key: 'person_id_front',
    nameZh: '负责人证件（人像面）',
    nameEn: 'Person ID (photo side)',
    needZh: '身份证人像面原件的彩色照片，四角完整',
    needEn: 'A colour photo of the original ID card',
    aspect: 1.585,
    portrait: false,
    findings: [],
  }
}

const corners = (x0: number, y0: number, x1: number, y1: number): PhotoSuggestion['corners'] => [
  { x: x0, y: y0 },
  { x: x1, y: y0 },
  { x: x1, y: y1 },
  { x: x0, y: y1 },
]

function noSuggestion(): PhotoSuggestion {
  return {
    found: false,
    auto: false,
    kind: 'card',
    crop: { x: 0, y: 0, w: 4000, h: 3000 },
    corners: corners(0, 0, 4000, 3000),
    aspect: 0,
    areaShare: 0,
    confidence: { score: 0, edgeSupport: [0, 0, 0, 0], aspect: 0, area: 0, angles: 0 },
    reasons: ['not_found'],
  }
}

function filled(findings: SlotState['findings'] = []): SlotState {
  return {
    ...empty(),
    photo: {
      id: 7,
      originalMime: 'image/jpeg',
      originalWidth: 4000,
      originalHeight: 3000,
      originalSize: 3_000_000,
      exportWidth: 2400,
      exportHeight: 1514,
      exportSize: 600 * 1024,
      previewUrl: '/media/photo/7/preview.jpg?v=0f0f', renderUrl: '/media/photo/7/render.jpg?v=0f0f',
      exportUrl: '/media/photo/7/export.jpg?v=abc',
      adjust: { rotate90: 0, fineRotateDeg: 0 },
      suggestion: noSuggestion(),
      updatedAt: '2025-01-01T00:00:00Z',
    },
    findings,
  }
}

const mountSlot = (state: SlotState) =>
  mount(PhotoSlot, { props: { state, applicationId: 3 }, global: { plugins: [i18n] } })

beforeEach(() => {
  setActivePinia(createPinia())
  vi.clearAllMocks()
  i18n.global.locale.value = 'zh-CN'
})

describe('PhotoSlot', () => {
  it('shows what is needed and imports through the file dialog', async () => {
    api.importDialog.mockResolvedValue(filled())
    const w = mountSlot(empty())
    expect(w.text()).toContain('负责人证件（人像面）')
    expect(w.get('[data-testid="slot-need"]').text()).toContain('四角完整')
    expect(w.get('[data-testid="slot-status"]').text()).toBe('待上传')
    await w.get('[data-testid="slot-choose"]').trigger('click')
    await flushPromises()
    expect(api.importDialog).toHaveBeenCalledWith(3, 'person_id_front')
    expect(w.emitted('update')?.[0]?.[0]).toMatchObject({ photo: { id: 7 } })
  })

  it('shows the export with its findings coloured by severity', () => {
    const w = mountSlot(
      filled([
        { rule: 'photo.glare', field: 'photos.person_id_front', severity: 'warn', params: { share: '8%' } },
        { rule: 'photo.file_too_large', field: 'photos.person_id_front', severity: 'block', params: { maxBytes: 2097152 } },
      ]),
    )
    expect(w.get('[data-testid="photo-preview"]').attributes('src')).toBe('/media/photo/7/export.jpg?v=abc')
    const items = w.findAll('[data-testid="slot-finding"]')
    expect(items.map((i) => i.attributes('data-severity'))).toEqual(['block', 'warn'])
    expect(items[1].classes()).toContain('warn')
    expect(items[1].text()).toContain('反光（约占 8%）')
    expect(w.get('[data-testid="slot-status"]').text()).toBe('有问题')
    expect(w.get('[data-testid="export-info"]').text()).toContain('2400×1514')
  })

  it('a clean picture is done and says so', () => {
    const w = mountSlot(filled())
    expect(w.get('[data-testid="slot-status"]').text()).toBe('已完成')
    expect(w.find('[data-testid="slot-ok"]').exists()).toBe(true)
  })

  it('explains a HEIC file and keeps the previous picture', async () => {
    api.importDialog.mockRejectedValue(new ApiError({ code: 'photo.heic', params: { format: 'heic' } }))
    const w = mountSlot(filled())
    await w.get('[data-testid="slot-replace"]').trigger('click')
    await flushPromises()
    expect(w.get('[data-testid="slot-error"]').text()).toContain('在“照片”App 中导出为 JPEG')
    expect(w.emitted('update')).toBeUndefined()
    expect(w.find('[data-testid="photo-preview"]').exists()).toBe(true)
  })

  it('explains a file over the size limit in English', async () => {
    i18n.global.locale.value = 'en'
    api.importFile.mockRejectedValue(
      new ApiError({ code: 'too_large', params: { reason: 'file_bytes', mb: 45.2, maxMb: 40 } }),
    )
    const w = mountSlot(empty())
    w.element.dispatchEvent(new CustomEvent('photo-drop', { detail: { paths: ['/tmp/big.jpg'] } }))
    await flushPromises()
    expect(api.importFile).toHaveBeenCalledWith(3, 'person_id_front', '/tmp/big.jpg')
    expect(w.get('[data-testid="slot-error"]').text()).toBe('The file is too large (45.2 MB, limit 40 MB): shrink the picture first')
  })

  it('a closed dialog is not an error', async () => {
    api.importDialog.mockRejectedValue(new ApiError({ code: 'cancelled' }))
    const w = mountSlot(empty())
    await w.get('[data-testid="slot-choose"]').trigger('click')
    await flushPromises()
    expect(w.find('[data-testid="slot-error"]').exists()).toBe(false)
  })

  it('imports the first dropped file and removes on request', async () => {
    api.importFile.mockResolvedValue(filled())
    api.remove.mockResolvedValue(empty())
    const w = mountSlot(filled())
    w.element.dispatchEvent(new CustomEvent('photo-drop', { detail: { paths: ['/a.jpg', '/b.jpg'] } }))
    await flushPromises()
    expect(api.importFile).toHaveBeenCalledTimes(1)
    expect(api.importFile).toHaveBeenCalledWith(3, 'person_id_front', '/a.jpg')
    expect(w.get('[data-testid="slot-error"]').text()).toContain('一次只能放入一张')
    await w.get('[data-testid="slot-remove"]').trigger('click')
    await flushPromises()
    expect(api.remove).toHaveBeenCalledWith(3, 'person_id_front')
    expect(w.emitted('update')?.at(-1)?.[0]).not.toHaveProperty('photo')
  })

  it('an applied crop says how sure it was and keeps the original in one click', async () => {
    const s = filled()
    const c = corners(400, 300, 3600, 2300)
    s.photo!.suggestion = { ...noSuggestion(), found: true, auto: true, corners: c, reasons: [],
      confidence: { score: 0.93, edgeSupport: [1, 1, 0.95, 1], aspect: 1, area: 1, angles: 0.93 } }
    s.photo!.adjust = { rotate90: 0, fineRotateDeg: 0, corners: c }
    api.apply.mockResolvedValue(filled())
    const w = mountSlot(s)
    const line = w.get('[data-testid="slot-suggestion"]')
    expect(line.attributes('data-mode')).toBe('applied')
    expect(line.text()).toContain('已自动裁剪（可信度 93%）')
    await w.get('[data-testid="slot-keep-original"]').trigger('click')
    await flushPromises()
    expect(api.apply).toHaveBeenCalledWith(7, { rotate90: 0, fineRotateDeg: 0 })
  })

  it('an unsure suggestion is offered with the reasons, the original kept', async () => {
    const s = filled()
    const c = corners(400, 300, 3600, 2300)
    s.photo!.suggestion = { ...noSuggestion(), found: true, auto: false, corners: c, reasons: ['weak_edge'] }
    api.apply.mockResolvedValue(filled())
    const w = mountSlot(s)
    const line = w.get('[data-testid="slot-suggestion"]')
    expect(line.attributes('data-mode')).toBe('offered')
    expect(line.text()).toContain('保留了原图：有一条边不够清晰')
    await w.get('[data-testid="slot-apply-suggestion"]').trigger('click')
    await flushPromises()
    expect(api.apply).toHaveBeenCalledWith(7, { rotate90: 0, fineRotateDeg: 0, corners: c })
  })

  it('a tight scan says there is nothing to cut', () => {
    const s = filled()
    s.photo!.suggestion = { ...noSuggestion(), reasons: ['fills_frame'] }
    const w = mountSlot(s)
    expect(w.get('[data-testid="slot-suggestion"]').text()).toContain('无需裁剪')
    expect(w.find('[data-testid="slot-apply-suggestion"]').exists()).toBe(false)
  })

  it('the signed checklist waits until the checklist has been generated', () => {
    const s = { ...empty(), slot: 'checklist_scan', key: 'websites.w1.checklist_scan', waitingFor: 'checklist' }
    const w = mountSlot(s)
    expect(w.get('[data-testid="slot-waiting"]').text()).toContain('请先在“核验单与提交”步骤生成并打印核验单')
    expect(w.find('[data-testid="slot-choose"]').exists()).toBe(false)
  })

  it('asks the step to open the cropper', async () => {
    const w = mountSlot(filled())
    await w.get('[data-testid="slot-adjust"]').trigger('click')
    expect(w.emitted('adjust')?.[0]?.[0]).toMatchObject({ key: 'person_id_front' })
  })

  it('a warned photo is ticked off with 我已核对此照片 through the generic confirmation, per photo', async () => {
    const filing = useFilingStore()
    // the open application (id 3) as the store holds it
    filing.view = { record: { id: 3, status: 'draft', doc: { confirmations: {} } } } as unknown as typeof filing.view
    const calls: [string, string, boolean][] = []
    filing.confirm = vi.fn(async (f, yes: boolean) => {
      calls.push([f.rule, f.params?.key as string, yes])
      const k = `${f.rule}@${f.field}#${f.params?.key}`
      // as FilingService.Confirm answers: the record with the confirmations
      const rec = filing.view!.record
      const c = { ...(rec.doc.confirmations ?? {}) }
      if (yes) c[k] = { at: '2025-01-02T03:04:05Z' }
      else delete c[k]
      filing.view = { ...filing.view!, record: { ...rec, doc: { ...rec.doc, confirmations: c } } }
    }) as typeof filing.confirm
    const f = (rule: string, severity: 'warn' | 'info' | 'block', key: string) => ({ rule, field: 'photos.person_id_front', severity, params: { share: '8%', key } })
    const photo = (key: string) => filled([f('photo.glare', 'warn', key), f('photo.blur', 'warn', key), f('photo.x', 'info', key)])
    const w = mountSlot(photo('photo:7:abc'))
    const box = () => w.get('[data-testid="slot-checked"]')
    expect(box().text()).toBe('我已核对此照片')
    expect(box().attributes('data-checked')).toBe('false')
    expect(w.get('[data-testid="slot-status"]').text()).toBe('有问题')
    await box().trigger('click')
    await flushPromises()
    // both warnings, not the info
    expect(calls).toEqual([['photo.glare', 'photo:7:abc', true], ['photo.blur', 'photo:7:abc', true]])
    expect(box().attributes('data-checked')).toBe('true')
    expect(box().text()).toContain('我已核对此照片（')
    expect(w.get('[data-testid="slot-status"]').text()).toBe('已完成')
    // a new photo in the slot carries a new key: not ticked
    await w.setProps({ state: photo('photo:8:def') })
    expect(box().attributes('data-checked')).toBe('false')
    // back to the confirmed one and untick it
    await w.setProps({ state: photo('photo:7:abc') })
    await box().trigger('click')
    await flushPromises()
    expect(calls.slice(2)).toEqual([['photo.glare', 'photo:7:abc', false], ['photo.blur', 'photo:7:abc', false]])
    expect(box().attributes('data-checked')).toBe('false')
  })

  it('a photo with only a blocking finding offers no tick', () => {
    const filing = useFilingStore()
    filing.view = { record: { id: 3, status: 'draft', doc: {} } } as unknown as typeof filing.view
    const w = mountSlot(filled([{ rule: 'photo.file_too_large', field: 'photos.person_id_front', severity: 'block', params: { maxBytes: 2097152 } }]))
    expect(w.find('[data-testid="slot-checked"]').exists()).toBe(false)
  })
})
