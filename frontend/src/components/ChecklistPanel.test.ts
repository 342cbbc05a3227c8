import { beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, nextTick } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { NMessageProvider } from 'naive-ui'
import type { Application, ChecklistResult, Finding } from '../api'

const api = vi.hoisted(() => ({
  list: vi.fn(),
  generate: vi.fn(),
  printAll: vi.fn(),
  open: vi.fn(),
  saveAs: vi.fn(),
  blank: vi.fn(),
  copyText: vi.fn(),
}))
vi.mock('../api', async (orig) => ({ ...(await orig<typeof import('../api')>()), checklist: api }))

import ChecklistPanel from './ChecklistPanel.vue'
import { i18n } from '../i18n'
import { useFilingStore } from '../stores/filing'

const STATEMENT = '本人已履行网站备案信息当面核验手续，承认网站备案信息和核验记录真实有效……'

function website(id: string, domain: string) {
  return {
    id, name: '', domains: [domain], serviceContent: [], languages: ['zh-CN'], sameAsEntity: true,
    person: { name: '', idType: '', idNumber: '', idValidity: {}, mobile: '', email: '' },
  }
}

function doc(): Application {
  return {
    version: 1, type: 'first', answers: {},
    entity: {
      province: 'beijing', city: '', district: '', nature: 'enterprise', certType: '', certNumber: '', name: '北京云帆科技有限公司',
      certAddress: '', address: '', person: { name: '李明', idType: '', idNumber: '', idValidity: {}, mobile: '', email: '' },
    },
    websites: [website('w1', 'yunfan-tech.cn'), website('w2', 'yunfandocs.com')],
  }
}

const todos: Finding[] = [
  { rule: 'checklist.sign', field: 'entity.person.name', severity: 'info', params: { name: '李明' } },
  { rule: 'checklist.seal', field: 'entity.name', severity: 'info' },
  { rule: 'checklist.unverified_layout', field: '', severity: 'info' },
]

function result(over: Partial<ChecklistResult>): ChecklistResult {
  return {
    documentId: 0, websiteId: 'w1', fileName: '核验单_yunfan-tech.cn.pdf', size: 40_000, draft: false,
    variant: 'standard', findings: todos, statement: '', ...over,
  }
}

function open(findings: Finding[] = []) {
  const s = useFilingStore()
  const d = doc()
  s.view = {
    record: { id: 7, clientId: 1, status: 'draft', doc: d, rev: 1, createdAt: '', updatedAt: '' },
    findings, type: { goal: '', type: 'first', reason: '', asked: [] }, hints: [], suggest: {},
    flags: { editable: true, preparing: true, tracking: false, canMarkReady: true, canSubmit: false, next: ['abandoned'] },
  }
  s.doc = d
  s.findings = findings
  return s
}

async function render() {
  const Host = defineComponent({ render: () => h(NMessageProvider, null, { default: () => h(ChecklistPanel) }) })
  const w = mount(Host, { global: { plugins: [i18n] }, attachTo: document.body })
  await flushPromises()
  return w
}

const blocking: Finding = { rule: 'id.mobile.format', field: 'entity.person.mobile', severity: 'block' }

describe('ChecklistPanel', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.resetAllMocks()
    i18n.global.locale.value = 'zh-CN'
  })

  it('lists each website with its stored checklist or a generate button', async () => {
    open()
    api.list.mockResolvedValue([
      result({ documentId: 3, createdAt: '2026-11-23T10:00:00Z' }),
      result({ websiteId: 'w2', fileName: '核验单_yunfandocs.com.pdf' }),
    ])
    const w = await render()
    expect(api.list).toHaveBeenCalledWith(7)
    const w1 = w.get('[data-testid="checklist-w1"]')
    expect(w1.get('[data-testid="checklist-file"]').text()).toBe('核验单_yunfan-tech.cn.pdf')
    expect(w1.get('[data-testid="checklist-generate"]').text()).toBe('重新生成')
    expect(w1.get('[data-testid="checklist-preview"]').attributes('data')).toBe('/media/document/3.pdf')
    expect(w1.find('[data-testid="checklist-open"]').text()).toBe('在系统中打开')
    expect(w1.find('[data-testid="checklist-save"]').text()).toBe('另存为…')
    const w2 = w.get('[data-testid="checklist-w2"]')
    expect(w2.get('[data-testid="checklist-generate"]').text()).toBe('生成核验单')
    expect(w2.find('[data-testid="checklist-preview"]').exists()).toBe(false)
    expect(w2.find('[data-testid="checklist-open"]').exists()).toBe(false)
    // To-dos without the layout caveat, which shows once under the title.
    expect(w1.findAll('[data-testid="checklist-todo"]').map((x) => x.attributes('data-rule'))).toEqual(['checklist.sign', 'checklist.seal'])
    expect(w1.get('[data-testid="checklist-todo"]').text()).toMatch(/黑色.*签字/)
    expect(w.get('[data-testid="checklist-caveat"]').text()).toContain('腾讯云控制台')
    w.unmount()
  })

  it('flushes queued edits, generates, and shows the draft notice while something blocks', async () => {
    const s = open([blocking])
    const flush = vi.spyOn(s, 'flush')
    api.list.mockResolvedValue([result({}), result({ websiteId: 'w2', fileName: '核验单_yunfandocs.com.pdf' })])
    api.generate.mockImplementation(async () => {
      expect(flush).toHaveBeenCalled() // the PDF must show what is saved
      return result({ documentId: 12, draft: true })
    })
    const w = await render()
    await w.get('[data-testid="checklist-w1"] [data-testid="checklist-generate"]').trigger('click')
    await flushPromises()
    expect(api.generate).toHaveBeenCalledWith(7, 'w1')
    const w1 = w.get('[data-testid="checklist-w1"]')
    expect(w1.get('[data-testid="checklist-preview"]').attributes('data')).toBe('/media/document/12.pdf')
    expect(w1.get('[data-testid="checklist-draft"]').text()).toBe('草稿 — 未提交')
    expect(w1.get('[data-testid="checklist-draft-notice"]').text()).toContain('草稿 — 未提交')
    expect(w1.find('[data-testid="checklist-draft-fixed"]').exists()).toBe(false)

    // Once nothing blocks, the same draft PDF asks to be regenerated.
    s.findings = []
    await nextTick()
    expect(w1.find('[data-testid="checklist-draft-notice"]').exists()).toBe(false)
    expect(w1.get('[data-testid="checklist-draft-fixed"]').text()).toContain('重新生成')
    w.unmount()
  })

  it('opens and saves the stored document', async () => {
    open()
    api.list.mockResolvedValue([result({ documentId: 5 }), result({ websiteId: 'w2', documentId: 6 })])
    api.saveAs.mockResolvedValue({ path: '/home/u/核验单_yunfandocs.com.pdf' })
    const w = await render()
    await w.get('[data-testid="checklist-w1"] [data-testid="checklist-open"]').trigger('click')
    await w.get('[data-testid="checklist-w2"] [data-testid="checklist-save"]').trigger('click')
    await flushPromises()
    expect(api.open).toHaveBeenCalledWith(5)
    expect(api.saveAs).toHaveBeenCalledWith(6)
    expect(document.body.textContent).toContain('已保存到 /home/u/核验单_yunfandocs.com.pdf')
    w.unmount()
  })

  it('shows the Guangdong individual statement to copy by hand', async () => {
    open()
    const hand: Finding = { rule: 'checklist.hand_copy', field: 'entity.person.name', severity: 'info', params: { statement: STATEMENT } }
    api.list.mockResolvedValue([
      result({ documentId: 4, variant: 'guangdong_individual', statement: STATEMENT, findings: [...todos, hand] }),
      result({ websiteId: 'w2' }),
    ])
    api.copyText.mockResolvedValue(true)
    const w = await render()
    const w1 = w.get('[data-testid="checklist-w1"]')
    expect(w1.get('[data-testid="checklist-statement-text"]').text()).toBe(STATEMENT)
    expect(w1.get('[data-testid="checklist-statement"]').text()).toContain('手写')
    // The statement is not repeated in the to-do list.
    expect(w1.findAll('[data-testid="checklist-todo"]').map((x) => x.attributes('data-rule'))).not.toContain('checklist.hand_copy')
    expect(w.get('[data-testid="checklist-w2"]').find('[data-testid="checklist-statement"]').exists()).toBe(false)
    await w1.get('[data-testid="checklist-copy"]').trigger('click')
    await flushPromises()
    expect(api.copyText).toHaveBeenCalledWith(STATEMENT)
    expect(w1.get('[data-testid="checklist-copy"]').text()).toBe('已复制')
    w.unmount()
  })

  it('prints all and shows an API error as its message', async () => {
    open()
    api.list.mockResolvedValue([result({}), result({ websiteId: 'w2' })])
    api.printAll.mockResolvedValue([result({ documentId: 20 }), result({ websiteId: 'w2', documentId: 21 })])
    const w = await render()
    await w.get('[data-testid="checklist-print-all"]').trigger('click')
    await flushPromises()
    expect(api.printAll).toHaveBeenCalledWith(7)
    expect(w.get('[data-testid="checklist-w2"] [data-testid="checklist-preview"]').attributes('data')).toBe('/media/document/21.pdf')

    api.generate.mockRejectedValue(new Error('{"code":"not_found","field":"websites","params":{}}'))
    await w.get('[data-testid="checklist-w1"] [data-testid="checklist-generate"]').trigger('click')
    await flushPromises()
    expect(document.body.textContent).toContain('找不到该项目')
    w.unmount()
  })
})
