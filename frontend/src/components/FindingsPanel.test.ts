import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { defineComponent, h } from 'vue'
import { NMessageProvider } from 'naive-ui'
import FindingsPanel from './FindingsPanel.vue'
import { i18n } from '../i18n'
import { useFilingStore } from '../stores/filing'
import type { ApplicationView, Finding } from '../api'

const api = vi.hoisted(() => ({ confirm: vi.fn(), saveDraft: vi.fn() }))
vi.mock('../api', async (orig) => {
  const real = await orig<typeof import('../api')>()
  return { ...real, filing: { ...real.filing, ...api } }
})

const required = (field: string): Finding => ({ rule: 'form.required', field, severity: 'block' })
const server: Finding = { rule: 'confirm.server', field: 'websites', severity: 'info' }
const holder: Finding = { rule: 'confirm.domain_holder', field: 'websites', severity: 'info', params: { entity: '' } }
const gdDoc: Finding = { rule: 'province.document', field: '', severity: 'info', params: { key: 'gd_commitment', kind: 'document', labelZh: '《互联网信息服务备案承诺书》', province: '广东省' } }

function setup(findings: Finding[]) {
  const filing = useFilingStore()
  filing.findings = findings
  filing.view = { record: { id: 7, clientId: 1, status: 'draft', doc: {} as never, rev: 1, createdAt: '', updatedAt: '' }, findings, type: { goal: '', type: 'first', reason: '', asked: [] }, hints: [], suggest: {}, flags: { editable: true, preparing: true, tracking: false, canMarkReady: true, canSubmit: false, next: ['abandoned'] } }
  const Host = defineComponent({
    emits: ['jump'],
    setup: (_, { emit }) => () => h(NMessageProvider, null, { default: () => h(FindingsPanel, { onJump: (f: Finding) => emit('jump', f) }) }),
  })
  return { filing, w: mount(Host, { global: { plugins: [i18n] } }) }
}

const rules = (w: ReturnType<typeof setup>['w'], id = 'panel-finding') => w.findAll(`[data-testid="${id}"]`).map((x) => x.attributes('data-rule'))

describe('FindingsPanel', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    i18n.global.locale.value = 'zh-CN'
    api.confirm.mockReset()
  })

  it('counts the findings of fields not reached yet instead of listing each', async () => {
    const { filing, w } = setup([
      required('entity.name'), required('entity.address'), required('websites.0.name'),
      { rule: 'website.pre_approval.unanswered', field: 'websites.0.preApprovals', severity: 'block' },
      { rule: 'id.uscc.check_char', field: 'entity.certNumber', severity: 'warn' },
      { rule: 'confirm.mobile_unused', field: 'entity.person.mobile', severity: 'info' },
    ])
    filing.touched.add('entity.certNumber') // typed on the type step
    await w.vm.$nextTick()
    const groups = w.findAll('[data-testid="panel-unfilled"]')
    expect(groups.map((g) => g.attributes('data-step'))).toEqual(['entity', 'websites'])
    expect(groups[0].text()).toContain('主体信息')
    expect(groups[0].text()).toContain('还有 2 项待填写或核对')
    expect(groups[1].text()).toContain('还有 2 项待填写或核对')
    // Touched fields and hand-work are listed one by one; no red dot for fields nobody reached.
    expect(rules(w)).toEqual(['id.uscc.check_char', 'confirm.mobile_unused'])
    expect(w.find('.dot.block').exists()).toBe(false)

    // Once the step is visited, its empty fields are listed at their fields.
    filing.reveal('entity')
    await w.vm.$nextTick()
    expect(w.findAll('[data-testid="panel-unfilled"]').map((g) => g.attributes('data-step'))).toEqual(['websites'])
    expect(w.findAll('[data-testid="panel-finding"] .dot.block')).toHaveLength(2)
  })

  it('jumps to the first empty field of a step when its count is clicked', async () => {
    const { w } = setup([required('websites.0.name'), required('websites.0.ip')])
    await w.find('[data-testid="panel-unfilled"]').trigger('click')
    expect(w.emitted('jump')?.[0]).toEqual([required('websites.0.name')])
  })

  it('says so in English too', async () => {
    i18n.global.locale.value = 'en'
    const { w } = setup([required('entity.name')])
    expect(w.find('[data-testid="panel-unfilled"]').text()).toContain('1 field still to fill in or check')
  })

  it('lists a finding once even when the rules send it twice', () => {
    const { w } = setup([server, gdDoc, { ...gdDoc, params: { ...gdDoc.params } }, { ...gdDoc, params: { ...gdDoc.params, key: 'gd_plan' } }])
    expect(rules(w)).toEqual(['confirm.server', 'province.document', 'province.document'])
    expect(w.find('[data-testid="findings-count"]').attributes('data-count')).toBe('3')
  })

  it('never shows a sentence with a hole before the entity name exists', () => {
    const { w } = setup([holder])
    const text = w.find('[data-testid="panel-finding"]').text()
    expect(text).toContain('域名持有者的实名信息与主办单位一致')
    expect(text).not.toMatch(/（；|（）/)
  })

  it('reaches zero when the clerk ticks off each hand-check, and the tick can be undone', async () => {
    const at = '2026-11-30T02:10:00Z'
    api.confirm.mockImplementation(async (_id: number, f: Finding, yes: boolean): Promise<Partial<ApplicationView>> => {
      const filing = useFilingStore()
      const findings = filing.findings.map((x) => (x.rule === f.rule ? { ...x, confirmedAt: yes ? at : undefined } : x))
      return { ...filing.view!, findings }
    })
    const { w } = setup([server, holder])
    expect(w.find('[data-testid="findings-count"]').attributes('data-count')).toBe('2')

    for (const rule of ['confirm.server', 'confirm.domain_holder']) {
      await w.find(`[data-rule="${rule}"] [data-testid="confirm-toggle"]`).trigger('click')
      await flushPromises()
    }
    expect(api.confirm).toHaveBeenCalledWith(7, server, true)
    // Clicking the tick does not jump to the field.
    expect(w.emitted('jump')).toBeUndefined()
    expect(rules(w)).toEqual([])
    expect(w.find('[data-testid="findings-none"]').exists()).toBe(true)
    expect(w.find('[data-testid="findings-confirmed"]').text()).toContain('已确认 2 项')

    // Unfolded, each confirmed item says when; unticking puts it back.
    await w.find('[data-testid="show-confirmed"]').trigger('click')
    const done = w.find('[data-testid="panel-confirmed"] [data-testid="confirm-toggle"]')
    expect(done.attributes('title')).toMatch(/^已确认（\d{4}-\d\d-\d\d \d\d:\d\d），点击撤销$/)
    await done.trigger('click')
    await flushPromises()
    expect(api.confirm).toHaveBeenLastCalledWith(7, server, false)
    expect(rules(w)).toEqual(['confirm.server'])
  })

  it('shows the source of a finding and keeps phone locations under their field', async () => {
    const { filing, w } = setup([
      {
        rule: 'person.mobile.province', field: 'entity.person.mobile', severity: 'block', params: { province: '甘肃省', location: '北京市' },
        source: { doc: 'product/域名与网站/网站备案/条款与公告/备案相关条款/各省管局要求.md', title: '各省管局要求', section: '甘肃 · 个人第 2 条', confirmed: true },
      },
      { rule: 'person.phone.location', field: 'entity.person.mobile', severity: 'info', params: { location: '北京市' } },
    ])
    filing.touched.add('entity.person.mobile')
    await w.vm.$nextTick()
    const rows = w.findAll('[data-testid="panel-finding"]')
    expect(rows.map((x) => x.attributes('data-rule'))).toEqual(['person.mobile.province'])
    expect(rows[0].find('[data-testid="finding-source"]').text()).toBe('依据：各省管局要求 · 甘肃 · 个人第 2 条')
  })
})
