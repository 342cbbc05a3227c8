// The wizard shows its fields in the order of assets/data/form_order.json,
// the table Go sorts findings by (backend/rules/check.go): the findings panel
// then lists problems top to bottom as the clerk sees the fields. A field
// moved in a template without the table (or the other way round) fails here.
import { describe, expect, it, beforeEach } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import StepEntity from './StepEntity.vue'
import StepWebsites from './StepWebsites.vue'
import StepType from './StepType.vue'
import order from '../../../../assets/data/form_order.json'
import { i18n } from '../../i18n'
import { useFilingStore } from '../../stores/filing'
import type { Application, ApplicationView, FormOptions } from '../../api'

const sections = order.sections as Record<string, string[]>

/** The sort key Go gives a field path (rules.fieldKey). */
function fieldKey(path: string): number[] {
  const rank = (list: string[] | null, s: string) => (list && list.includes(s) ? list.indexOf(s) : (list ?? []).length)
  let list: string[] | null = order.top
  const key: number[] = []
  path.split('.').forEach((s, i) => {
    if (/^\d+$/.test(s)) return key.push(Number(s))
    key.push(rank(list, s))
    if (sections[s]) list = sections[s]
    else if (i === 0) list = null
  })
  return key
}
const before = (a: number[], b: number[]) => {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] < b[i]
  return a.length <= b.length
}

const options: FormOptions = {
  natures: [{ key: 'enterprise', zh: '企业', en: 'Enterprise', individual: false, certTypes: ['business_licence'] }],
  certTypes: [{ key: 'business_licence', zh: '工商营业执照', en: 'Business licence' }],
  idTypes: [{ key: 'idcard', zh: '居民身份证', en: 'Resident identity card', entityPerson: true, websitePerson: true }],
  provinces: [{ key: 'guangdong', zh: '广东省', en: 'Guangdong', abbr: '粤', icpAbbr: '粤', psbAbbr: ['粤'], regionCode: '44' }],
  serviceContent: [], languages: [], cloudServices: [],
  preApprovals: [{ key: 'news', zh: '新闻', en: 'News' }],
  maxWebsitesOrg: 10, maxWebsitesInd: 1,
}
const person = () => ({ name: '', idType: 'idcard', idNumber: '', idValidity: {}, mobile: '', email: '' })
function doc(): Application {
  return {
    version: 1, type: 'transfer', answers: {},
    entity: { province: 'guangdong', city: '', district: '', nature: 'enterprise', certType: '', certNumber: '', name: '', certAddress: '', address: '', person: person() },
    websites: [
      { id: 'w1', name: '', domains: ['a.cn'], serviceContent: [], languages: [], sameAsEntity: false, person: person(), preApprovals: [{ kind: 'news', number: '' }] },
      { id: 'w2', name: '', domains: ['b.cn'], serviceContent: [], languages: [], sameAsEntity: false, person: person() },
    ],
  }
}

function rendered(component: unknown): string[] {
  const filing = useFilingStore()
  filing.options = options
  filing.doc = doc()
  filing.view = {
    record: { id: 1, clientId: 1, status: 'draft', doc: filing.doc, createdAt: '', updatedAt: '' }, findings: [], hints: [],
    type: { goal: 'file', type: 'transfer', reason: '', missing: [], asked: order.sections.answers },
    flags: { editable: true, preparing: true, tracking: false, canMarkReady: true, canSubmit: false, next: [] },
  } as unknown as ApplicationView
  const w = mount(component as never, { global: { plugins: [i18n] } })
  return w.findAll('[data-field]').map((e) => e.attributes('data-field')!)
}

function expectFormOrder(paths: string[], prefix: string, atLeast: number) {
  const own = paths.filter((p) => p.startsWith(prefix))
  expect(own.length).toBeGreaterThanOrEqual(atLeast)
  for (let i = 1; i < own.length; i++) {
    expect(before(fieldKey(own[i - 1]), fieldKey(own[i])), `${own[i - 1]} is shown above ${own[i]}, form_order.json says otherwise`).toBe(true)
  }
}

describe('form order', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    i18n.global.locale.value = 'zh-CN'
  })

  it('the type questions follow the table', () => expectFormOrder(rendered(StepType), 'answers.', 8))
  it('the entity step follows the table, 主体负责人 after the remark', () => {
    const paths = rendered(StepEntity)
    expectFormOrder(paths, 'entity.', 18)
    expect(paths.indexOf('entity.remark')).toBeLessThan(paths.indexOf('entity.person.name'))
  })
  it('the websites step follows the table, website by website', () => expectFormOrder(rendered(StepWebsites), 'websites.', 20))
  it('a path out of order is caught', () => {
    expect(before(fieldKey('entity.person.name'), fieldKey('entity.remark'))).toBe(false)
    expect(before(fieldKey('websites.1.name'), fieldKey('websites.0.remark'))).toBe(false)
  })
})
