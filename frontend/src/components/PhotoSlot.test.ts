import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { ApiError, type SlotState } from '../api'
import { i18n } from '../i18n'
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
      previewUrl: '/media/photo/7/preview.jpg',
      exportUrl: '/media/photo/7/export.jpg?v=abc',
      adjust: { rotate90: 0, fineRotateDeg: 0 },
      suggestion: { found: false, crop: { x: 0, y: 0, w: 4000, h: 3000 }, corners: [{ x: 0, y: 0 }, { x: 0, y: 0 }, { x: 0, y: 0 }, { x: 0, y: 0 }], aspect: 0 },
      updatedAt: '2025-01-01T00:00:00Z',
    },
    findings,
  }
}

const mountSlot = (state: SlotState) =>
  mount(PhotoSlot, { props: { state, applicationId: 3 }, global: { plugins: [i18n] } })

beforeEach(() => {
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

  it('asks the step to open the cropper', async () => {
    const w = mountSlot(filled())
    await w.get('[data-testid="slot-adjust"]').trigger('click')
    expect(w.emitted('adjust')?.[0]?.[0]).toMatchObject({ key: 'person_id_front' })
  })
})
