import { describe, expect, it } from 'vitest'
import { consoleSources, eventLines, icpExample, nextActions, psbExample, readOnlyKey } from './tracking'
import type { Status, TimelineEvent } from '../api'
import zh from '../i18n/zh-CN.json'
import en from '../i18n/en.json'

describe('nextActions', () => {
  it('makes the forward step prominent and keeps the records that end an order quiet', () => {
    expect(nextActions('prelim_review', ['photo_pending', 'wait_bureau_submit', 'returned', 'abandoned', 'expired'])).toEqual({
      primary: 'photo_pending', others: ['wait_bureau_submit', 'returned'], destructive: ['abandoned', 'expired'],
    })
    expect(nextActions('bureau_review', ['approved', 'returned', 'abandoned', 'expired']).primary).toBe('approved')
  })
  it('a returned order has no prominent status: reopening is the next step', () => {
    expect(nextActions('returned', ['draft', 'ready', 'rejected_final', 'abandoned', 'expired'])).toEqual({
      primary: null, others: [], destructive: ['rejected_final', 'abandoned', 'expired'],
    })
  })
  it('the end of the road offers nothing', () => {
    expect(nextActions('approved', [])).toEqual({ primary: null, others: [], destructive: [] })
  })
})

describe('readOnlyKey', () => {
  it.each([
    ['approved', 'wizard.readOnlyApproved'],
    ['returned', 'wizard.readOnlyReturned'],
    ['rejected_final', 'wizard.readOnlyClosed'],
    ['bureau_review', 'wizard.readOnly'],
  ] as [Status, string][])('%s', (s, key) => {
    expect(readOnlyKey(s)).toBe(key)
    const [, k] = key.split('.')
    expect((zh as any).wizard[k]).toBeTruthy()
    expect((en as any).wizard[k]).toBeTruthy()
  })
  it('an approved application is not told it can be reopened after a rejection', () => {
    expect((zh as any).wizard.readOnlyApproved).not.toContain('驳回')
  })
})

describe('eventLines', () => {
  const text = (c: string, p?: Record<string, unknown>) => `[${c}${p ? ' ' + JSON.stringify(p) : ''}]`
  const reason = (id: string) => `<${id}>`
  const base = { id: 1, applicationId: 1, from: '', to: 'draft', at: '' } as TimelineEvent
  it('shows codes, reasons and the clerk note, never a raw note', () => {
    expect(eventLines({ ...base, note: 'created', code: 'submit.event.created' }, text, reason)).toEqual(['[submit.event.created]'])
    expect(eventLines({ ...base, to: 'returned', note: 'reasons: website_name\n名称', code: 'submit.event.returned', reasons: ['website_name'], clerkNote: '名称' }, text, reason))
      .toEqual(['[submit.event.returned]', '· <website_name>', '名称'])
    expect(eventLines({ ...base, note: '已打电话', clerkNote: '已打电话' }, text, reason)).toEqual(['已打电话'])
    expect(eventLines({ ...base }, text, reason)).toEqual([])
  })
})

describe('province examples', () => {
  it('follow the province', () => {
    expect(icpExample({ key: 'guangdong', abbr: '粤', icpAbbr: '粤', regionCode: '44' })).toBe('粤ICP备2026012345号')
    expect(psbExample({ key: 'guangdong', abbr: '粤', icpAbbr: '粤', regionCode: '44' })).toBe('粤公网安备 44010602000001号')
    expect(icpExample({ key: 'sichuan', abbr: '川', icpAbbr: '蜀', psbAbbr: ['川'], regionCode: '51' })).toBe('蜀ICP备2026012345号')
    expect(psbExample({ key: 'sichuan', abbr: '川', icpAbbr: '蜀', psbAbbr: ['川'], regionCode: '51' })).toBe('川公网安备 51010602000001号')
  })
  it("without a province give no sample (never another province's)", () => {
    expect(icpExample(undefined)).toBeNull()
    expect(psbExample(undefined)).toBeNull()
    expect(psbExample({ key: 'x', abbr: '粤' })).toBeNull()
  })
})

describe('consoleSources', () => {
  it('names each Tencent guide once, without the MIIT form note', () => {
    const first = 'tencentyun/qcloud-documents product/域名与网站/网站备案/快速备案/首次备案/通过控制台进行首次备案.md'
    expect(consoleSources([{ source: first }, { source: 'MIIT form fields the guides do not describe' }, { source: first }, {}])).toEqual([
      'qcloud-documents · 快速备案/首次备案/通过控制台进行首次备案.md',
    ])
  })
})
