import { describe, expect, it } from 'vitest'
import { getPath, isUnder, setPath } from './path'

describe('paths', () => {
  it('reads nested objects and arrays', () => {
    const doc = { entity: { person: { mobile: '13800138000' } }, websites: [{ domains: ['a.cn', 'b.cn'] }] }
    expect(getPath(doc, 'entity.person.mobile')).toBe('13800138000')
    expect(getPath(doc, 'websites.0.domains.1')).toBe('b.cn')
    expect(getPath(doc, 'websites.3.name')).toBeUndefined()
  })

  it('creates what is missing when writing', () => {
    const doc: Record<string, unknown> = {}
    setPath(doc, 'entity.person.name', '张三')
    setPath(doc, 'websites.0.name', '某某科技官网')
    expect(doc).toEqual({ entity: { person: { name: '张三' } }, websites: [{ name: '某某科技官网' }] })
  })

  it('tells whether a finding belongs under a field', () => {
    expect(isUnder('websites.0.domains.1', 'websites.0')).toBe(true)
    expect(isUnder('websites.10.name', 'websites.1')).toBe(false)
    expect(isUnder('entity.name', 'entity.name')).toBe(true)
  })
})
