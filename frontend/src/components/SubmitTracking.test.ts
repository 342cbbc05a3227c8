import { beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, nextTick, ref } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { NDialogProvider, NMessageProvider } from 'naive-ui'
import type { Application, Status, StatusFlags, Timeline } from '../api'

const api = vi.hoisted(() => ({
  readiness: vi.fn(),
  markReady: vi.fn(),
  submit: vi.fn(),
  exportPackage: vi.fn(),
  consoleFields: vi.fn(),
  timeline: vi.fn(),
  rejectionReasons: vi.fn(),
  setStatus: vi.fn(),
  reject: vi.fn(),
  reopen: vi.fn(),
  approve: vi.fn(),
  checkApproval: vi.fn(),
  footer: vi.fn(),
  recordPSB: vi.fn(),
  setFooterDone: vi.fn(),
  rejectionMarks: vi.fn(),
}))
const copyText = vi.hoisted(() => vi.fn())
vi.mock('../api', async (orig) => {
  const real = await orig<typeof import('../api')>()
  return { ...real, submitApi: api, checklist: { ...real.checklist, copyText } }
})

import SubmitPanel from './SubmitPanel.vue'
import TrackingPanel from './TrackingPanel.vue'
import FieldItem from './FieldItem.vue'
import PhotoSlot from './PhotoSlot.vue'
import { i18n } from '../i18n'
import { useFilingStore } from '../stores/filing'

function doc(): Application {
  const person = { name: '李明', idType: '', idNumber: '', idValidity: {}, mobile: '', email: '' }
  return {
    version: 1, type: 'first', answers: {},
    entity: { province: 'beijing', city: '', district: '', nature: 'enterprise', certType: '', certNumber: '', name: '北京云帆科技有限公司', certAddress: '', address: '', person },
    websites: [{ id: 'w1', name: '云帆', domains: ['yunfan-tech.cn'], serviceContent: [], languages: ['zh-CN'], sameAsEntity: true, person }],
  } as unknown as Application
}

// What Go's backend.Flags answers for the statuses these tests use (the
// mocked API hands them over as the app would).
const FLAGS: Partial<Record<Status, StatusFlags>> = {
  draft: { editable: true, preparing: true, tracking: false, canMarkReady: true, canSubmit: false, next: ['abandoned'] },
  ready: { editable: true, preparing: true, tracking: false, canMarkReady: false, canSubmit: true, next: ['submitted', 'abandoned'] },
  prelim_review: {
    editable: false, preparing: false, tracking: true, canMarkReady: false, canSubmit: false,
    next: ['photo_pending', 'wait_bureau_submit', 'returned', 'abandoned', 'expired'],
  },
  returned: { editable: false, preparing: true, tracking: true, canMarkReady: true, canSubmit: false, next: ['rejected_final', 'abandoned', 'expired'] },
  bureau_review: { editable: false, preparing: false, tracking: true, canMarkReady: false, canSubmit: false, next: ['approved', 'returned', 'abandoned', 'expired'] },
  approved: { editable: false, preparing: false, tracking: true, canMarkReady: false, canSubmit: false, next: [] },
}

function open(status: Status) {
  const s = useFilingStore()
  const d = doc()
  s.view = { record: { id: 7, clientId: 1, status, doc: d, createdAt: '', updatedAt: '2026-11-23T10:00:00Z' }, findings: [], type: { type: 'first', reason: '' }, hints: [], flags: FLAGS[status] } as never
  s.doc = d
  vi.spyOn(s, 'open').mockResolvedValue(undefined as never)
  vi.spyOn(s, 'flush').mockResolvedValue(undefined as never)
  return s
}

async function render(c: object) {
  const Host = defineComponent({
    render: () => h(NMessageProvider, null, { default: () => h(NDialogProvider, null, { default: () => h(c) }) }),
  })
  const w = mount(Host, { global: { plugins: [i18n] }, attachTo: document.body })
  await flushPromises()
  return w
}

function timeline(over: Partial<Timeline>): Timeline {
  return {
    status: 'prelim_review', now: '2026-11-23T10:00:00+08:00', rejections: [], psbSteps: [],
    events: [
      { id: 1, applicationId: 7, from: '', to: 'draft', at: '2026-11-20T09:00:00+08:00', note: 'created', code: 'submit.event.created' },
      { id: 2, applicationId: 7, from: 'ready', to: 'submitted', at: '2026-11-21T09:00:00+08:00', note: '控制台已提交', clerkNote: '控制台已提交' },
      { id: 3, applicationId: 7, from: 'submitted', to: 'prelim_review', at: '2026-11-22T09:00:00+08:00' },
    ],
    deadlines: [{
      kind: 'submit.deadline.tencent_prelim', start: '2026-11-22T09:00:00+08:00', due: '2026-11-25T23:59:59+08:00', approximate: true, approxReason: 'holidays',
      overdue: false, unit: 'working_days', countdown: { key: 'left', n: 2, unit: 'working_days' }, params: { minDays: 1, maxDays: 2 },
    }],
    next: ['photo_pending', 'wait_bureau_submit', 'returned', 'abandoned', 'expired'],
    ...over,
    flags: FLAGS[over.status ?? 'prelim_review']!,
  }
}

describe('SubmitPanel', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.resetAllMocks()
    i18n.global.locale.value = 'zh-CN'
  })

  it('lists what keeps a draft from being ready and refuses to mark it', async () => {
    open('draft')
    const report = { ready: false, blocking: [], items: [{ code: 'submit.ready.blocking', params: { count: 3 } }, { code: 'submit.ready.checklist_missing', field: 'websites.0', params: { domain: 'yunfan-tech.cn' } }, { code: 'submit.ready.photo_missing', field: 'photos.websites.w1.backdrop', params: { slot: 'websites.w1.backdrop', nameZh: '幕布照片', nameEn: 'Backdrop photo', domain: 'yunfan-tech.cn' } }] }
    api.readiness.mockResolvedValue(report)
    api.markReady.mockResolvedValue({ report, record: {} })
    const w = await render(SubmitPanel)
    const items = w.findAll('[data-testid="readiness-item"]').map((x) => x.text())
    expect(items).toEqual(['还有 3 个阻止提交的问题，请先修正', '网站 yunfan-tech.cn 的核验单尚未生成打印', '缺少照片：幕布照片（yunfan-tech.cn），请上传'])
    expect(w.find('[data-testid="submit"]').exists()).toBe(false)
    await w.get('[data-testid="mark-ready"]').trigger('click')
    await flushPromises()
    expect(api.markReady).toHaveBeenCalledWith(7)
    expect(useFilingStore().open).not.toHaveBeenCalled()
    w.unmount()
  })

  it('submits only after the clerk confirms in the dialog', async () => {
    const s = open('ready')
    api.readiness.mockResolvedValue({ ready: true, items: [], blocking: [] })
    api.submit.mockResolvedValue({ report: { ready: true, items: [], blocking: [] }, record: {} })
    const w = await render(SubmitPanel)
    expect(w.get('[data-testid="readiness"]').attributes('data-ready')).toBe('true')
    await w.get('[data-testid="submit"]').trigger('click')
    await flushPromises()
    expect(api.submit).not.toHaveBeenCalled()
    expect(document.body.textContent).toContain('确认已在腾讯云控制台提交？')
    ;(document.querySelector('[data-testid="confirm-submit"]') as HTMLElement).click()
    await flushPromises()
    expect(api.submit).toHaveBeenCalledWith(7, '')
    expect(s.open).toHaveBeenCalledWith(7)
    w.unmount()
  })

  it('copies console fields with one click', async () => {
    open('draft')
    api.readiness.mockResolvedValue({ ready: true, items: [], blocking: [] })
    api.consoleFields.mockResolvedValue([
      { section: '主办单位信息', label: '主办单位名称', value: '北京云帆科技有限公司', path: 'entity.name' },
      { section: '网站信息 1', label: '网站名称', value: '云帆', path: 'websites.0.name' },
    ])
    copyText.mockResolvedValue(true)
    const w = await render(SubmitPanel)
    await w.get('[data-testid="open-console"]').trigger('click')
    await flushPromises()
    expect(document.querySelectorAll('[data-testid="console-section"]').length).toBe(2)
    ;(document.querySelector('[data-testid="copy-field"]') as HTMLElement).click()
    await flushPromises()
    expect(copyText).toHaveBeenCalledWith('北京云帆科技有限公司')
    w.unmount()
  })
})

describe('TrackingPanel', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.resetAllMocks()
    i18n.global.locale.value = 'zh-CN'
    api.rejectionReasons.mockResolvedValue([{ id: 'website_name', n: 7, zh: '网站名称不符合要求', en: 'Website name', fields: ['websites.*.name'] }])
  })

  it('waits for the submission before tracking anything', async () => {
    open('draft')
    api.timeline.mockResolvedValue(timeline({ status: 'draft', events: [], deadlines: [], next: ['ready', 'abandoned'] }))
    const w = await render(TrackingPanel)
    expect(w.get('[data-testid="tracking-waiting"]').text()).toContain('提交后在此跟踪进度')
    expect(w.find('[data-testid="timeline"]').exists()).toBe(false)
    w.unmount()
  })

  it('shows the timeline newest first, the deadlines with countdowns and the allowed next statuses', async () => {
    open('prelim_review')
    api.timeline.mockResolvedValue(timeline({}))
    const w = await render(TrackingPanel)
    expect(w.findAll('[data-testid="timeline-item"]').map((x) => x.attributes('data-status'))).toEqual(['prelim_review', 'submitted', 'draft'])
    expect(w.get('[data-testid="timeline"]').text()).toContain('控制台已提交')
    const d = w.get('[data-testid="deadline"]')
    expect(d.text()).toContain('腾讯云初审')
    expect(d.text()).toContain('还剩 2 个工作日')
    expect(d.text()).toContain('节假日安排尚未公布')
    expect(w.get('[data-testid="timeline"]').text()).toContain('新建申请')
    expect(w.get('[data-testid="timeline"]').text()).not.toContain('created')
    expect(w.find('[data-testid="next-returned"]').exists()).toBe(true)
    expect(w.find('[data-testid="next-approved"]').exists()).toBe(false)
    // The expected next step is the one prominent button; a rejection and the dead ends are not red primaries.
    expect(w.get('[data-testid="next-photo_pending"]').classes().join(' ')).toContain('n-button--primary-type')
    for (const s of ['returned', 'abandoned', 'expired']) {
      const cls = w.get(`[data-testid="next-${s}"]`).classes().join(' ')
      expect(cls).not.toContain('n-button--error-type')
      expect(cls).not.toContain('n-button--primary-type')
    }
    w.unmount()
  })

  it('after a rejection, reopening jumps to the first concerned field', async () => {
    open('returned')
    api.timeline.mockResolvedValue(timeline({ status: 'returned', next: ['draft', 'ready', 'rejected_final'] }))
    api.reopen.mockResolvedValue({ record: {}, rejection: {}, reasons: [], fields: ['websites.0.name'] })
    const w = await render(TrackingPanel)
    expect(w.find('[data-testid="next-draft"]').exists()).toBe(false)
    await w.get('[data-testid="reopen"]').trigger('click')
    await flushPromises()
    expect(api.reopen).toHaveBeenCalledWith(7)
    const tracking = w.findComponent(TrackingPanel)
    expect(tracking.emitted('jump')?.[0]?.[0]).toMatchObject({ field: 'websites.0.name' })
    w.unmount()
  })

  it("approval shows Go's findings on the numbers as the clerk types, and records only accepted numbers", async () => {
    open('bureau_review')
    api.timeline.mockResolvedValue(timeline({ status: 'bureau_review', next: ['approved', 'returned'] }))
    // Go's answer (app.SubmitService.CheckApproval): a malformed number blocks,
    // a well-formed one gets the websites' numbers proposed.
    api.checkApproval.mockImplementation(async (_id: number, icp: string) =>
      icp === '京ICP备2026012345号'
        ? { findings: [], proposed: { w1: '京ICP备2026012345号-1' } }
        : { findings: [{ rule: 'id.icp.format', field: 'icpNumber', severity: 'block' }], proposed: {} })
    const w = await render(TrackingPanel)
    await w.get('[data-testid="next-approved"]').trigger('click')
    await flushPromises()
    const input = document.querySelector('[data-testid="approve-icp"] input') as HTMLInputElement
    const save = () => document.querySelector('[data-testid="status-save"]') as HTMLButtonElement
    input.value = '京ICP备123号-1'
    input.dispatchEvent(new Event('input'))
    await flushPromises()
    expect(api.checkApproval).toHaveBeenLastCalledWith(7, '京ICP备123号-1', { w1: '' })
    await vi.waitFor(() => expect(document.querySelector('[data-testid="approve-finding"]')?.textContent).toContain('ICP 备案号应由备案地的省份简称'))
    expect(save().disabled).toBe(true)
    input.value = '京ICP备2026012345号'
    input.dispatchEvent(new Event('input'))
    await flushPromises()
    await vi.waitFor(() => expect((document.querySelector('[data-testid="approve-site-w1"] input') as HTMLInputElement).value).toBe('京ICP备2026012345号-1'))
    await vi.waitFor(() => expect(save().disabled).toBe(false))
    expect(document.querySelector('[data-testid="approve-finding"]')).toBeNull()
    api.approve.mockResolvedValue({ saved: true, approval: {}, findings: [] })
    api.timeline.mockResolvedValue(timeline({ status: 'approved', next: [], deadlines: [] }))
    save().click()
    await flushPromises()
    expect(api.approve).toHaveBeenCalledWith(7, '京ICP备2026012345号', { w1: '京ICP备2026012345号-1' }, expect.any(String))
    w.unmount()
  })

  it("the approval placeholder is in the application's province", async () => {
    const s = open('bureau_review')
    s.options = { provinces: [{ key: 'beijing', zh: '北京市', en: 'Beijing', abbr: '京', icpAbbr: '京', psbAbbr: ['京'], regionCode: '11' },
      { key: 'guangdong', zh: '广东省', en: 'Guangdong', abbr: '粤', icpAbbr: '粤', psbAbbr: ['粤'], regionCode: '44' }] } as never
    s.doc!.entity.province = 'guangdong'
    api.timeline.mockResolvedValue(timeline({ status: 'bureau_review', next: ['approved', 'returned'] }))
    api.checkApproval.mockResolvedValue({ findings: [], proposed: {} })
    const w = await render(TrackingPanel)
    await w.get('[data-testid="next-approved"]').trigger('click')
    await flushPromises()
    expect((document.querySelector('[data-testid="approve-icp"] input') as HTMLInputElement).placeholder).toBe('粤ICP备2026012345号')
    w.unmount()
  })

  it('previews the footer in a sandboxed frame, never in the page', async () => {
    open('approved')
    const html = '<div style="text-align:center"><a href="https://beian.miit.gov.cn/">京ICP备2026012345号-1</a></div>'
    api.timeline.mockResolvedValue(timeline({
      status: 'approved', next: [], deadlines: [],
      approval: { icpNumber: '京ICP备2026012345号', websiteNumbers: { w1: '京ICP备2026012345号-1' }, approvedAt: '', footerDone: false },
      psbSteps: [{ code: 'submit.psb.file', websiteId: 'w1', done: false, due: '2026-12-20T23:59:59+08:00', overdue: false, params: { days: 30 } }],
    }))
    api.footer.mockResolvedValue({ html, findings: [] })
    const w = await render(TrackingPanel)
    const frame = w.get('[data-testid="footer-preview"]')
    expect(frame.attributes('sandbox')).toBe('')
    expect(frame.attributes('srcdoc')).toContain(html)
    expect(w.get('[data-testid="footer"]').find('a').exists()).toBe(false)
    expect(w.get('[data-testid="psb-step"]').text()).toContain('yunfan-tech.cn')
    w.unmount()
  })
})

describe('rejection marks', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.resetAllMocks()
    i18n.global.locale.value = 'zh-CN'
  })

  it('a reopened order marks every field the reasons concern, with the reason beside it', async () => {
    open('draft')
    api.rejectionMarks.mockResolvedValue([
      { field: 'websites.0.name', reasons: ['website_name'] },
      { field: 'entity.address', reasons: ['address_not_detailed', 'other'] },
    ])
    const Host = defineComponent({
      render: () => h('div', [
        h(FieldItem, { path: 'websites.0.name', label: '网站名称' }, () => h('input')),
        h(FieldItem, { path: 'entity.address', label: '通信地址' }, () => h('input')),
        h(FieldItem, { path: 'entity.name', label: '主办单位名称' }, () => h('input')),
      ]),
    })
    const w = mount(Host, { global: { plugins: [i18n] } })
    await vi.waitFor(() => expect(w.findAll('[data-testid="rejection-mark"]').length).toBe(2))
    const marks = w.findAll('[data-testid="rejection-mark"]').map((x) => x.text())
    expect(marks[0]).toContain('驳回原因')
    expect(marks[0]).toContain('网站名称')
    expect(marks[1]).toContain('通信地址不够详细')
    expect(api.rejectionMarks).toHaveBeenCalledWith(7)
    w.unmount()
  })

  it('a photo slot the rejection concerns says why', async () => {
    const state = {
      slot: 'backdrop', field: 'websites.0.photos.backdrop', required: true, reason: '', key: 'websites.w1.backdrop',
      nameZh: '幕布照片', nameEn: 'Backdrop photo', needZh: '', needEn: '', aspect: 0.75, portrait: true, findings: [],
    }
    // PhotoSlot reports failures as toasts, so it needs a message provider.
    const rejected = ref<string[]>(['backdrop_photo'])
    const Host = defineComponent({
      render: () => h(NMessageProvider, null, { default: () => h(PhotoSlot, { state, applicationId: 7, rejected: rejected.value }) }),
    })
    const w = mount(Host, { global: { plugins: [i18n] } })
    expect(w.get('[data-testid="rejection-mark"]').text()).toMatch(/^驳回原因：.*幕布/)
    rejected.value = []
    await nextTick()
    expect(w.find('[data-testid="rejection-mark"]').exists()).toBe(false)
    w.unmount()
  })

  it('an order under review asks for no marks', async () => {
    open('bureau_review')
    const w = mount(defineComponent({ render: () => h(FieldItem, { path: 'entity.name', label: 'x' }, () => h('input')) }), { global: { plugins: [i18n] } })
    await flushPromises()
    expect(api.rejectionMarks).not.toHaveBeenCalled()
    expect(w.find('[data-testid="rejection-mark"]').exists()).toBe(false)
    w.unmount()
  })
})
