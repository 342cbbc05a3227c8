import { describe, expect, it, beforeEach } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import StepType from './StepType.vue'
import { i18n } from '../../i18n'
import { useFilingStore } from '../../stores/filing'
import type { Answers, ApplicationView, TypeResult } from '../../api'

function setup(answers: Answers, type: TypeResult) {
  const filing = useFilingStore()
  const doc = {
    version: 1, type: type.type, answers,
    entity: {
      province: '', city: '', district: '', nature: '', certType: '', certNumber: '', name: '', certAddress: '', address: '',
      person: { name: '', idType: '', idNumber: '', idValidity: {}, mobile: '', email: '' },
    },
    websites: [{ id: 'w1', name: '', domains: [], serviceContent: [], languages: [], sameAsEntity: true, person: { name: '', idType: '', idNumber: '', idValidity: {}, mobile: '', email: '' } }],
  }
  filing.doc = structuredClone(doc) as never
  filing.view = { record: { id: 1, clientId: 1, status: 'draft', doc, createdAt: '', updatedAt: '' }, findings: [], type, hints: [], flags: { editable: true, preparing: true, tracking: false, canMarkReady: true, canSubmit: false, next: ['abandoned'] } } as unknown as ApplicationView
  return mount(StepType, { global: { plugins: [i18n] } })
}

const questions = (w: ReturnType<typeof setup>) =>
  w.findAll('[data-field^="answers."]').map((e) => e.attributes('data-field'))

describe('StepType', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    i18n.global.locale.value = 'zh-CN'
  })

  it('asks only what the goal question leaves open', () => {
    const w = setup({}, { goal: '', type: '', reason: 'unanswered', missing: ['goal'], asked: ['goal'] })
    expect(questions(w)).toEqual(['answers.goal'])
    expect(w.text()).toContain('为网站备案')
    expect(w.text()).toContain('注销主体')
    expect(w.text()).toContain('取消接入')
  })

  it('after "not filed" asks whether the domain is filed, never whether another entity holds it', () => {
    const w = setup({ goal: 'file', entityFiled: false }, { goal: 'file', type: '', reason: 'unanswered', missing: ['domainFiled'], asked: ['goal', 'entityFiled', 'domainFiled'] })
    expect(questions(w)).toEqual(['answers.goal', 'answers.entityFiled', 'answers.domainFiled'])
    expect(w.text()).not.toContain('其他主体')
  })

  it('names the one-click transfer with its reason and source', () => {
    const w = setup(
      { goal: 'file', entityFiled: true, entityAtTencent: true, domainStatus: 'this_entity', domainAtTencent: false },
      { goal: 'file', type: 'transfer_tencent', reason: 'entity_at_tencent_website_elsewhere', source: '常见问题/接入备案类.md', asked: ['goal', 'entityFiled', 'entityAtTencent', 'domainStatus', 'domainAtTencent', 'existingIcpNumber'] },
    )
    expect(w.get('[data-testid="type-result-type"]').text()).toBe('一键接入备案')
    expect(w.get('[data-testid="type-result-reason"]').text()).toContain('未在腾讯云接入')
    expect(w.get('[data-testid="type-source"]').text()).toContain('常见问题/接入备案类')
    expect(w.find('[data-testid="type-blocked"]').exists()).toBe(false)
    expect(questions(w)).toContain('answers.existingIcpNumber')
  })

  it('explains a cancellation without asking for the form fields', () => {
    const w = setup(
      { goal: 'cancel_entity', entityAtTencent: true },
      { goal: 'cancel_entity', type: '', reason: 'cancel_entity', guide: 'cancel_entity_console', source: '快速备案/注销主体.md', asked: ['goal', 'entityAtTencent'],
        blocked: [{ rule: 'type.no_form', answer: 'goal', instead: 'cancel_entity_console' }] },
    )
    const guide = w.get('[data-testid="type-guide"]')
    expect(guide.text()).toContain('注销主体')
    expect(guide.text()).toContain('备案密码')
    expect(guide.findAll('li').length).toBeGreaterThan(2)
    expect(w.find('[data-testid="type-blocked"]').exists()).toBe(false)
    expect(w.find('[data-field="entity.certNumber"]').exists()).toBe(false)
  })

  it('says what to do instead when blocked, in English too', () => {
    i18n.global.locale.value = 'en'
    const w = setup(
      { goal: 'file', entityFiled: true, entityAtTencent: true, domainStatus: 'none', dataChanged: true },
      { goal: 'file', type: '', reason: 'filed_data_outdated', source: '常见问题/新增网站.md', asked: ['goal', 'entityFiled', 'entityAtTencent', 'domainStatus', 'dataChanged', 'existingIcpNumber'],
        blocked: [{ rule: 'type.blocked.change_first', answer: 'dataChanged', instead: 'change_first_at_tencent' }] },
    )
    expect(w.get('[data-testid="type-blocked"]').text()).toContain('File a change at Tencent first')
    expect(w.get('[data-testid="type-result-type"]').text()).toBe('Not identified yet')
  })

  it('shows the goal older drafts imply', () => {
    const w = setup({ entityFiled: false, domainFiled: false }, { goal: 'file', type: 'first', reason: 'new_entity_new_domain', asked: ['goal', 'entityFiled', 'domainFiled'] })
    const file = w.get('[data-testid="answers.goal-file"] input').element as HTMLInputElement
    expect(file.checked).toBe(true)
  })

  it("gives the existing ICP number's example in the province the number suggests, never a fixed Beijing one", async () => {
    const asked = { goal: 'file', type: 'transfer', reason: '', asked: ['goal', 'entityFiled', 'existingIcpNumber'] } as TypeResult
    const w = setup({ goal: 'file', entityFiled: true }, asked)
    const filing = useFilingStore()
    const placeholder = () => (w.get('[data-field="answers.existingIcpNumber"] input').element as HTMLInputElement).placeholder
    expect(placeholder()).not.toMatch(/京/)
    expect(placeholder()).toContain('ICP备')
    filing.options = { provinces: [{ key: 'guangdong', zh: '广东省', en: 'Guangdong', abbr: '粤', icpAbbr: '粤', psbAbbr: ['粤'], regionCode: '44' }] } as never
    filing.view = { ...filing.view!, suggest: { province: 'guangdong' } } as never
    await w.vm.$nextTick()
    expect(placeholder()).toBe('粤ICP备2026012345号')
  })
})
