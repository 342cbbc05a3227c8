import { describe, expect, it } from 'vitest'
import { i18n } from '../i18n'
import { fieldLabel } from './fieldLabel'

const g = i18n.global
const t = (k: string, p?: Record<string, unknown>) => g.t(k, p ?? {})
const te = (k: string) => g.te(k)

describe('fieldLabel', () => {
  it('names entity, person and website fields in Chinese', () => {
    g.locale.value = 'zh-CN'
    expect(fieldLabel('entity.name', t, te)).toBe('主办单位名称')
    expect(fieldLabel('entity.person.mobile', t, te)).toBe('主体负责人 · 手机号码')
    expect(fieldLabel('websites.1.name', t, te)).toBe('网站 2 · 网站名称')
    expect(fieldLabel('websites.0.domains.1', t, te)).toBe('网站 1 · 网站域名 2')
    expect(fieldLabel('websites.0.person.idValidity.end', t, te)).toBe('网站 1 · 网站负责人 · 证件有效期止')
  })
  it('says nothing for paths without a field', () => {
    expect(fieldLabel('', t, te)).toBe('')
  })
})
