import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { photos, type PhotoSuggestion, type SlotState } from '../api'
import { i18n } from '../i18n'
import PhotoCropper from './PhotoCropper.vue'

vi.mock('../api', async (orig) => ({
  ...(await orig<typeof import('../api')>()),
  photos: { apply: vi.fn(), renderUrl: vi.fn(() => '') },
}))

const quad: PhotoSuggestion['corners'] = [
  { x: 400, y: 300 },
  { x: 3600, y: 300 },
  { x: 3600, y: 2700 },
  { x: 400, y: 2700 },
]

// A card photo with a found suggestion: the dialog opens in corner mode.
function state(): SlotState {
  return {
    slot: 'person_id_front', field: 'photos.person_id_front', required: true, reason: 'entity_person', key: 'person_id_front',
    nameZh: '负责人证件（人像面）', nameEn: 'Person ID (photo side)', needZh: '', needEn: '', aspect: 1.585, portrait: false, findings: [],
    photo: {
      id: 7, originalMime: 'image/jpeg', originalWidth: 4000, originalHeight: 3000, originalSize: 3_000_000,
      exportWidth: 2400, exportHeight: 1514, exportSize: 600 * 1024,
      previewUrl: '/media/photo/7/preview.jpg?v=0f0f', renderUrl: '/media/photo/7/render.jpg?v=0f0f', exportUrl: '/media/photo/7/export.jpg?v=abc',
      adjust: { rotate90: 0, fineRotateDeg: 0 },
      suggestion: {
        found: true, auto: true, kind: 'card', crop: { x: 400, y: 300, w: 3200, h: 2400 }, corners: quad, aspect: 1.585, areaShare: 0.6,
        confidence: { score: 0.9, edgeSupport: [1, 1, 1, 1], aspect: 1, area: 1, angles: 1 }, reasons: [],
      },
      updatedAt: '2025-01-01T00:00:00Z',
    },
  }
}

// The preview image as the engine reports it (happy-dom loads no images).
function preview(complete: boolean, width: number) {
  vi.spyOn(HTMLImageElement.prototype, 'complete', 'get').mockImplementation(() => complete)
  vi.spyOn(HTMLImageElement.prototype, 'naturalWidth', 'get').mockImplementation(() => width)
  vi.spyOn(HTMLImageElement.prototype, 'naturalHeight', 'get').mockImplementation(() => (width * 3) / 4)
}

const cornerHandles = () => document.querySelectorAll('[data-testid^="corner-"]').length

describe('PhotoCropper opening', () => {
  let w: VueWrapper | undefined
  afterEach(() => {
    w?.unmount()
    vi.restoreAllMocks()
  })

  it('shows the corner editor at once when the preview is already loaded (a cached image), without waiting for its load event', async () => {
    preview(true, 1600)
    w = mount(PhotoCropper, { props: { show: true, state: state() }, global: { plugins: [i18n] }, attachTo: document.body })
    await flushPromises()
    expect(cornerHandles()).toBe(4)
  })

  it('waits for the load event while the preview is still loading, and measures once per opening', async () => {
    preview(false, 0)
    w = mount(PhotoCropper, { props: { show: true, state: state() }, global: { plugins: [i18n] }, attachTo: document.body })
    await flushPromises()
    expect(cornerHandles()).toBe(0)
    preview(true, 1600)
    const probe = document.querySelector<HTMLImageElement>('[data-testid="cropper-probe"]')!
    probe.dispatchEvent(new Event('load'))
    await flushPromises()
    expect(cornerHandles()).toBe(4)
    // What the clerk changed meanwhile (here: crop mode instead of corners) is
    // kept when a late load event arrives; measuring again would reset it.
    document.querySelector<HTMLInputElement>('[data-testid="mode-crop"] input')!.click()
    await flushPromises()
    expect(document.querySelector('[data-testid="corners-stage"]')).toBeNull()
    probe.dispatchEvent(new Event('load'))
    await flushPromises()
    expect(document.querySelector('[data-testid="corners-stage"]')).toBeNull()
  })
})

describe('PhotoCropper apply', () => {
  let w: VueWrapper | undefined
  afterEach(() => {
    w?.unmount()
    vi.restoreAllMocks()
    document.documentElement.classList.remove('photo-cropper-instant-close')
  })

  const applied = (): SlotState => {
    const s = state()
    s.photo = { ...s.photo!, exportUrl: '/media/photo/7/export.jpg?v=new', adjust: { rotate90: 1, fineRotateDeg: 0 } }
    return s
  }
  const instant = () => document.documentElement.classList.contains('photo-cropper-instant-close')
  const button = (id: string) => document.querySelector<HTMLButtonElement>(`[data-testid="${id}"]`)!

  it('closes at once, without the fade, once the slot\'s new picture is loaded', async () => {
    preview(true, 1600)
    vi.mocked(photos.apply).mockResolvedValue(applied())
    let decoded!: () => void
    const decode = vi.spyOn(HTMLImageElement.prototype, 'decode').mockImplementation(() => new Promise<void>((r) => (decoded = r)))
    w = mount(PhotoCropper, { props: { show: true, state: state() }, global: { plugins: [i18n] }, attachTo: document.body })
    await flushPromises()
    button('cropper-apply').click()
    await flushPromises()
    expect(photos.apply).toHaveBeenCalledOnce()
    // The export is loading: the dialog is still up, the slot not yet told.
    expect(decode).toHaveBeenCalledOnce()
    expect(w.emitted('applied')).toBeUndefined()
    expect(w.emitted('update:show')).toBeUndefined()
    decoded()
    await flushPromises()
    expect(w.emitted('applied')?.[0]).toEqual([applied()])
    expect(w.emitted('update:show')?.[0]).toEqual([false])
    expect(instant()).toBe(true)
  })

  it('closed by × while the export loads: the slot still gets it, and the fade is left alone', async () => {
    preview(true, 1600)
    vi.mocked(photos.apply).mockResolvedValue(applied())
    let decoded!: () => void
    vi.spyOn(HTMLImageElement.prototype, 'decode').mockImplementation(() => new Promise<void>((r) => (decoded = r)))
    w = mount(PhotoCropper, { props: { show: true, state: state() }, global: { plugins: [i18n] }, attachTo: document.body })
    await flushPromises()
    button('cropper-apply').click()
    await flushPromises()
    await w.setProps({ show: false })
    decoded()
    await flushPromises()
    expect(w.emitted('applied')?.[0]).toEqual([applied()])
    expect(w.emitted('update:show')).toBeUndefined()
    expect(instant()).toBe(false)
  })

  it('keeps the fade when closed without applying, and stays open with the error when Apply fails', async () => {
    preview(true, 1600)
    vi.mocked(photos.apply).mockRejectedValue({ code: 'conflict', message: 'replaced' })
    const decode = vi.spyOn(HTMLImageElement.prototype, 'decode')
    w = mount(PhotoCropper, { props: { show: true, state: state() }, global: { plugins: [i18n] }, attachTo: document.body })
    await flushPromises()
    button('cropper-apply').click()
    await flushPromises()
    expect(decode).not.toHaveBeenCalled()
    expect(w.emitted('update:show')).toBeUndefined()
    expect(document.querySelector('[data-testid="cropper-error"]')).not.toBeNull()
    expect(instant()).toBe(false)
    document.querySelector<HTMLButtonElement>('[data-testid="cropper"] .n-card-header__close')!.click()
    await flushPromises()
    expect(w.emitted('update:show')?.[0]).toEqual([false])
    expect(instant()).toBe(false)
  })
})
