import { describe, expect, it } from 'vitest'
import { confirmable, findingId, unique } from './findings'
import type { Finding } from '../api'

const doc = (key: string): Finding => ({ rule: 'province.document', field: '', severity: 'info', params: { key, province: '广东省' } })

describe('findings', () => {
  it('lists a finding once, and keeps findings of one rule apart by their params', () => {
    const fs = [doc('gd_commitment'), doc('gd_plan'), doc('gd_commitment'), { ...doc('gd_plan') }]
    expect(unique(fs).map((f) => f.params?.key)).toEqual(['gd_commitment', 'gd_plan'])
    expect(findingId(doc('a'))).not.toBe(findingId(doc('b')))
    // Param order does not matter.
    expect(findingId({ rule: 'r', field: 'f', severity: 'info', params: { a: 1, b: 2 } })).toBe(
      findingId({ rule: 'r', field: 'f', severity: 'info', params: { b: 2, a: 1 } }),
    )
  })

  it('offers a tick for hand-checks only', () => {
    expect(confirmable({ rule: 'confirm.server', field: 'websites', severity: 'info' })).toBe(true)
    expect(confirmable({ rule: 'type.unanswered', field: 'answers.entityFiled', severity: 'info' })).toBe(false)
    expect(confirmable({ rule: 'form.required', field: 'entity.name', severity: 'block' })).toBe(false)
  })
})
