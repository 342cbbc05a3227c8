import { describe, expect, it } from 'vitest'
import zhCN from './zh-CN.json'
import en from './en.json'
import { findingMessage, findingTables, interpolate, uiMessages } from './index'

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  )
}

describe('message tables', () => {
  it('zh-CN and en have the same keys', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort())
    expect(keys(uiMessages('en')).sort()).toEqual(keys(uiMessages('zh-CN')).sort())
  })

  it('English messages use English punctuation (no full-width colon, brackets or list marks)', () => {
    const values = (obj: object): [string, string][] =>
      Object.entries(obj).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? values(v).map(([kk, vv]) => [`${k}.${kk}`, vv] as [string, string]) : [[k, String(v)]]))
    // Messages that speak about the Chinese characters themselves.
    const about = new Set(['entity.name.halfwidth_brackets'])
    const bad = [...values(en), ...values(uiMessages('en')), ...Object.entries(findingTables().en)]
      .filter(([k, v]) => !about.has(k) && /[：（）；、，。]/.test(v))
      .map(([k, v]) => `${k}: ${v}`)
    expect(bad).toEqual([])
  })

  it('feature tables do not replace a main section', () => {
    for (const k of Object.keys(uiMessages('zh-CN'))) expect(Object.keys(zhCN)).not.toContain(k)
  })

  it('every finding message exists in both languages', () => {
    const t = findingTables()
    expect(Object.keys(t.en).sort()).toEqual(Object.keys(t['zh-CN']).sort())
    for (const [id, msg] of Object.entries(t['zh-CN'])) {
      expect(msg, id).not.toBe('')
      expect(t.en[id], id).not.toBe('')
    }
  })

  it('no rule id is defined by two finding tables (one would silently hide the other)', () => {
    const seen = new Map<string, string>()
    const dupes: string[] = []
    for (const [path, table] of Object.entries(import.meta.glob<Record<string, string>>('./*.zh-CN.json', { eager: true, import: 'default' }))) {
      for (const id of Object.keys(table)) {
        if (seen.has(id)) dupes.push(`${id} in ${seen.get(id)} and ${path}`)
        seen.set(id, path)
      }
    }
    expect(dupes).toEqual([])
  })

  it('zh-CN messages are Chinese', () => {
    expect(zhCN.home.emptyTitle).toMatch(/[\u4e00-\u9fff]/)
    expect(zhCN.nav.trash).toBe('回收站')
  })
})

describe('interpolate', () => {
  it('fills named placeholders and leaves unknown ones visible', () => {
    expect(interpolate('至少 {min} 个汉字，当前 {n}', { min: 3, n: 2 })).toBe('至少 3 个汉字，当前 2')
    expect(interpolate('limit {limit}', {})).toBe('limit {limit}')
  })

  it('drops an optional part whose placeholder is empty, never leaving a hole', () => {
    const msg = '与主办单位[（{entity}）]一致'
    expect(interpolate(msg, { entity: '云帆科技' })).toBe('与主办单位（云帆科技）一致')
    expect(interpolate(msg, { entity: '' })).toBe('与主办单位一致')
    expect(interpolate(msg, {})).toBe('与主办单位一致')
    expect(interpolate('网站[ {domain} ]的核验单', { domain: '  ' })).toBe('网站的核验单')
    expect(findingMessage('zh-CN', 'confirm.domain_holder', { entity: '' })).not.toMatch(/（；|（）|\[|\{/)
    expect(findingMessage('en', 'submit.ready.checklist_missing', { domain: '' })).toBe('The checklist has not been generated and printed')
  })
})

describe('findingMessage', () => {
  it('falls back to the rule id when no table has it', () => {
    expect(findingMessage('en', 'no.such.rule')).toBe('no.such.rule')
  })
})
