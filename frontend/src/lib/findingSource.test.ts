import { describe, expect, it } from 'vitest'
import { i18n } from '../i18n'
import { isFieldNote, sourceLine } from './findingSource'
import type { Finding } from '../api'

const t = (k: string, p?: Record<string, unknown>) => i18n.global.t(k, p ?? {})

describe('findingSource', () => {
  it('names the document and the province item', () => {
    i18n.global.locale.value = 'zh-CN'
    const f: Finding = {
      rule: 'form.required', field: 'entity.person.officePhone', severity: 'block',
      source: { doc: 'product/域名与网站/网站备案/条款与公告/备案相关条款/各省管局要求.md', title: '各省管局要求', section: '北京 · 企事业单位第 5 条', confirmed: true },
    }
    expect(sourceLine(f, t)).toBe('依据：各省管局要求 · 北京 · 企事业单位第 5 条')
    i18n.global.locale.value = 'en'
    expect(sourceLine(f, t)).toBe('Source: 各省管局要求 · 北京 · 企事业单位第 5 条')
    expect(sourceLine({ ...f, source: { ...f.source!, confirmed: false } }, t)).toContain('(unconfirmed)')
    expect(sourceLine({ ...f, source: undefined }, t)).toBe('')
    i18n.global.locale.value = 'zh-CN'
  })

  it('tells a phone location note from a finding', () => {
    expect(isFieldNote({ rule: 'person.phone.location', field: 'entity.person.mobile', severity: 'info' })).toBe(true)
    expect(isFieldNote({ rule: 'person.phone.location_unknown', field: 'entity.person.mobile', severity: 'info' })).toBe(true)
    expect(isFieldNote({ rule: 'person.mobile.province', field: 'entity.person.mobile', severity: 'block' })).toBe(false)
  })
})
