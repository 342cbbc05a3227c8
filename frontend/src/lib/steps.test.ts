import { describe, expect, it } from 'vitest'
import { bySeverity, stepOf, stepStates } from './steps'
import type { Finding } from '../api'

const f = (field: string, severity: Finding['severity'] = 'block'): Finding => ({ rule: 'r', field, severity })

describe('steps', () => {
  it('maps findings to the step that holds the field', () => {
    expect(stepOf(f('answers.entityFiled'))).toBe('type')
    expect(stepOf(f('entity.person.mobile'))).toBe('entity')
    expect(stepOf(f('websites.1.domains.0'))).toBe('websites')
    expect(stepOf(f('websites.1.photos.backdrop'))).toBe('materials')
    expect(stepOf(f('photos.person_id_front'))).toBe('materials')
    expect(stepOf(f(''))).toBe('review')
  })

  it('marks visited steps with blocking findings as having problems', () => {
    const s = stepStates([f('entity.name'), f('websites.0.name', 'warn')], new Set(['type', 'entity', 'websites']))
    expect(s).toEqual({ type: 'done', entity: 'problems', websites: 'done', materials: 'todo', review: 'todo', tracking: 'todo' })
  })

  it('orders blocking first', () => {
    expect(bySeverity([f('a', 'info'), f('b', 'warn'), f('c', 'block')]).map((x) => x.severity)).toEqual(['block', 'warn', 'info'])
  })
})
