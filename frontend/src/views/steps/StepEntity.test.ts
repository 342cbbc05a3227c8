import { describe, expect, it, beforeEach } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import StepEntity from './StepEntity.vue'
import { i18n } from '../../i18n'
import { useFilingStore } from '../../stores/filing'
import type { Application, FormOptions } from '../../api'

const options: FormOptions = {
  natures: [
    { key: 'enterprise', zh: '企业', en: 'Enterprise', individual: false, certTypes: ['business_licence'] },
    { key: 'individual', zh: '个人', en: 'Individual', individual: true, certTypes: ['idcard', 'passport'] },
    { key: 'institution', zh: '事业单位', en: 'Public institution', individual: false, certTypes: ['orgcode_cert', 'uscc_cert'] },
  ],
  certTypes: [
    { key: 'business_licence', zh: '工商营业执照', en: 'Business licence' },
    { key: 'idcard', zh: '居民身份证', en: 'Resident ID card' },
    { key: 'passport', zh: '护照', en: 'Passport' },
  ],
  idTypes: [{ key: 'idcard', zh: '居民身份证', en: 'Resident identity card', entityPerson: true, websitePerson: true }],
  provinces: [{ key: 'beijing', zh: '北京市', en: 'Beijing', abbr: '京', icpAbbr: '京', psbAbbr: ['京'], regionCode: '11' }],
  serviceContent: [],
  languages: [],
  cloudServices: [],
  preApprovals: [],
  maxWebsitesOrg: 10,
  maxWebsitesInd: 1,
}

function doc(nature: string, certNumber = '91110000600037341M'): Application {
  return {
    version: 1, type: 'first', answers: {},
    entity: {
      province: 'beijing', city: '', district: '', nature, certType: '', certNumber, name: '',
      certAddress: '', address: '',
      person: { name: '', idType: 'idcard', idNumber: '', idValidity: {}, mobile: '', email: '' },
    },
    websites: [],
  }
}

function setup(nature: string, findings = [] as { rule: string; field: string; severity: 'block' | 'warn' | 'info' }[], certNumber?: string) {
  const filing = useFilingStore()
  filing.options = options
  filing.doc = doc(nature, certNumber)
  filing.findings = findings
  return mount(StepEntity, { global: { plugins: [i18n] } })
}

describe('StepEntity', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    i18n.global.locale.value = 'zh-CN'
  })

  it('asks an organisation for its investor and legal representative', () => {
    const w = setup('enterprise')
    expect(w.find('[data-field="entity.investor"]').exists()).toBe(true)
    expect(w.find('[data-field="entity.legalRep"]').exists()).toBe(true)
    expect(w.find('[data-field="entity.name"]').text()).toContain('主办单位名称')
  })

  it('hides organisation-only fields for an individual and asks for a full name', () => {
    const w = setup('individual')
    expect(w.find('[data-field="entity.investor"]').exists()).toBe(false)
    expect(w.find('[data-field="entity.legalRep"]').exists()).toBe(false)
    expect(w.find('[data-field="entity.name"]').text()).toContain('姓名')
  })

  it('shows a finding under its field once the field was touched, in the UI language', async () => {
    const f = [{ rule: 'id.uscc.check_char', field: 'entity.certNumber', severity: 'warn' as const }]
    const w = setup('enterprise', f)
    const item = () => w.find('[data-field="entity.certNumber"]')
    expect(item().find('[data-testid="field-finding"]').exists()).toBe(false) // not touched yet
    useFilingStore().touched.add('entity.certNumber')
    await w.vm.$nextTick()
    expect(item().find('[data-testid="field-finding"]').text()).toContain('统一社会信用代码校验位不符')
    expect(item().find('[data-testid="field-finding"]').classes()).toContain('warn')
    i18n.global.locale.value = 'en'
    await w.vm.$nextTick()
    expect(item().find('[data-testid="field-finding"]').text()).toContain('USCC check character does not match')
  })

  it('never shows hand-work (info) items under a field', async () => {
    const w = setup('enterprise', [{ rule: 'confirm.mobile_unused', field: 'entity.person.mobile', severity: 'info' }])
    useFilingStore().reveal('entity')
    await w.vm.$nextTick()
    expect(w.find('[data-field="entity.person.mobile"] [data-testid="field-finding"]').exists()).toBe(false)
  })

  it('picks the certificate type the number typed on the type step shows, among those the nature allows', async () => {
    const cases: [string, string, string][] = [
      ['individual', '44030519920815211X', 'idcard'],
      ['individual', 'E12345678', ''], // a passport number is not guessed
      ['enterprise', '91110000600037341M', 'business_licence'], // only one allowed anyway
      ['institution', '12100000400000624D', ''], // a USCC, but the nature allows two: the clerk picks
    ]
    for (const [nature, num, want] of cases) {
      setActivePinia(createPinia())
      const w = setup('', [], num)
      useFilingStore().set('entity.nature', nature)
      await w.vm.$nextTick()
      expect(useFilingStore().doc?.entity.certType, `${nature} ${num}`).toBe(want)
      w.unmount()
    }
  }, 30_000) // four mounts of the whole step: slow on a loaded machine

  it('replaces a certificate type the new nature does not allow with its guess', async () => {
    const w = setup('enterprise', [], '44030519920815211X')
    useFilingStore().doc!.entity.certType = 'business_licence'
    useFilingStore().set('entity.nature', 'individual')
    await w.vm.$nextTick()
    expect(useFilingStore().doc?.entity.certType).toBe('idcard')
  })

  it('offers the nature and province the number suggests, filled in only when the clerk adopts them', async () => {
    const filing = useFilingStore()
    filing.options = { ...options, provinces: [...options.provinces, { key: 'guangdong', zh: '广东省', en: 'Guangdong', abbr: '粤', icpAbbr: '粤', psbAbbr: ['粤'], regionCode: '44' }] }
    filing.doc = doc('', '9144030071526726XG')
    filing.doc.entity.province = ''
    filing.view = { record: { status: 'draft' }, flags: { editable: true, preparing: true, tracking: false, canMarkReady: true, canSubmit: false, next: ['abandoned'] }, suggest: { kind: 'uscc', nature: 'enterprise', certType: 'business_licence', province: 'guangdong', provinceFrom: 'number' } } as never
    const w = mount(StepEntity, { global: { plugins: [i18n] } })
    expect(w.get('[data-testid="suggest-nature"]').text()).toContain('企业')
    expect(w.get('[data-testid="suggest-province"]').text()).toContain('广东省')
    expect(w.get('[data-testid="suggest-province"]').text()).toContain('以证件住所为准')
    expect(filing.doc.entity.nature).toBe('') // a suggestion, not a value
    await w.get('[data-testid="adopt-nature"]').trigger('click')
    await w.get('[data-testid="adopt-province"]').trigger('click')
    expect(filing.doc.entity.nature).toBe('enterprise')
    expect(filing.doc.entity.province).toBe('guangdong')
    expect(filing.doc.entity.certType).toBe('business_licence')
    expect(w.find('[data-testid="suggest-nature"]').exists()).toBe(false)
    expect(w.find('[data-testid="suggest-province"]').exists()).toBe(false)
  })

  it("fills an individual's person in charge from the name and ID already typed, and keeps the clerk's own edits", async () => {
    const w = setup('individual', [], '44030519920815211X')
    const filing = useFilingStore()
    filing.set('entity.certType', 'idcard')
    filing.set('entity.name', '陈晓')
    await w.vm.$nextTick()
    const p = () => filing.doc!.entity.person
    expect([p().name, p().idType, p().idNumber]).toEqual(['陈晓', 'idcard', '44030519920815211X'])
    filing.set('entity.name', '陈晓东') // still typing: the carried copy follows
    await w.vm.$nextTick()
    expect(p().name).toBe('陈晓东')
    filing.set('entity.person.name', '陈小东') // the clerk's own edit stays
    filing.set('entity.name', '陈晓东 ')
    await w.vm.$nextTick()
    expect(p().name).toBe('陈小东')
  })

  it('leaves an organisation\'s person in charge alone', async () => {
    const w = setup('enterprise')
    useFilingStore().set('entity.name', '北京云帆科技有限公司')
    await w.vm.$nextTick()
    expect(useFilingStore().doc!.entity.person.name).toBe('')
  })
})
