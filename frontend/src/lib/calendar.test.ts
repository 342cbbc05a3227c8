import { describe, expect, it } from 'vitest'
import { calendarEntries } from './calendar'
import type { Deadline } from '../api'

const deadline = (over: Partial<Deadline>): Deadline => ({
  kind: 'submit.deadline.psb_filing', start: '', due: '2026-12-30T23:59:59+08:00', approximate: false, overdue: false,
  unit: 'days', countdown: { key: 'left', n: 30, unit: 'days' }, ...over,
})

describe('calendarEntries', () => {
  const text = (code: string, p?: Record<string, unknown>) => `${code}(${p?.domain ?? ''})`
  // The separator is the UI language's (fmt.labelValue), like the real messages.
  const t = (k: string, p?: Record<string, unknown>) =>
    k === 'fmt.labelValue' ? `${p!.label}：${p!.value}` : p ? `${k}[${Object.values(p).join()}]` : k
  const fmt = (iso: string) => iso.slice(0, 10)
  const approx = (d: Deadline) => (d.approximate ? 'approx' : '')

  it('words each deadline with its entity and keeps a stable key', () => {
    const out = calendarEntries([
      { applicationId: 7, entityName: '云帆', primaryDomain: 'yunfan-tech.cn', deadline: deadline({ websiteId: 'w1' }) },
      { applicationId: 8, entityName: '', primaryDomain: 'b.cn', deadline: deadline({ kind: 'submit.deadline.bureau_review', approximate: true }) },
    ], text, t, fmt, approx)
    expect(out).toEqual([
      { key: '7/submit.deadline.psb_filing/w1', summary: '云帆：submit.deadline.psb_filing(yunfan-tech.cn)',
        description: 'submit.deadline.psb_filing(yunfan-tech.cn)\nsubmitUi.ics.due[2026-12-30]\nsubmitUi.ics.from', due: '2026-12-30T23:59:59+08:00' },
      { key: '8/submit.deadline.bureau_review/', summary: 'b.cn：submit.deadline.bureau_review(b.cn)',
        description: 'submit.deadline.bureau_review(b.cn)\nsubmitUi.ics.due[2026-12-30]\napprox\nsubmitUi.ics.from', due: '2026-12-30T23:59:59+08:00' },
    ])
  })
})
