import { beforeEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import FindingsPanel from './FindingsPanel.vue'
import { i18n } from '../i18n'
import { useFilingStore } from '../stores/filing'
import type { Finding } from '../api'

const required = (field: string): Finding => ({ rule: 'form.required', field, severity: 'block' })

function setup(findings: Finding[]) {
  const filing = useFilingStore()
  filing.findings = findings
  return { filing, w: mount(FindingsPanel, { global: { plugins: [i18n] } }) }
}

describe('FindingsPanel', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    i18n.global.locale.value = 'zh-CN'
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
    expect(w.findAll('[data-testid="panel-finding"]').map((x) => x.attributes('data-rule'))).toEqual(['id.uscc.check_char', 'confirm.mobile_unused'])
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
