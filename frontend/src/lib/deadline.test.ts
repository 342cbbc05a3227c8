import { describe, expect, it } from 'vitest'
import { approxKey, countdownKey, fallenDue, formatDue } from './deadline'
import type { Countdown } from '../api'
import zh from '../i18n/ui/submit.zh-CN.json'
import en from '../i18n/ui/submit.en.json'

describe('countdownKey', () => {
  it.each([
    [{ key: 'left', n: 45, unit: 'days' }, 'left', 45],
    [{ key: 'left', n: 3, unit: 'working_days' }, 'leftWorking', 3],
    [{ key: 'tomorrow', n: 1, unit: 'days' }, 'tomorrow', 1],
    [{ key: 'today', n: 0, unit: 'working_days' }, 'today', 0],
    [{ key: 'due', n: 0, unit: 'days' }, 'due', 0],
    [{ key: 'overdue', n: 2, unit: 'days' }, 'overdue', 2],
  ] as const)('%o is %s %d', (c, key, n) => {
    expect(countdownKey(c)).toEqual({ key, n })
  })
  it('every key has a message in both languages', () => {
    for (const k of ['left', 'leftWorking', 'tomorrow', 'today', 'due', 'overdue']) {
      expect((zh as any).submitUi.countdown[k]).toBeTruthy()
      expect((en as any).submitUi.countdown[k]).toBeTruthy()
    }
  })
})

describe('approxKey', () => {
  it('names why a date is approximate', () => {
    expect(approxKey({ approximate: false })).toBe('')
    expect(approxKey({ approximate: true, approxReason: 'holidays' })).toBe('submitUi.approximate')
    expect(approxKey({ approximate: true, approxReason: 'unconfirmed' })).toBe('submitUi.approxUnconfirmed')
  })
})

describe('fallenDue', () => {
  const item = (id: number, key: Countdown['key']) => ({ applicationId: id, deadline: { kind: 'k', countdown: { key, n: 0, unit: 'days' as const } } })
  it('names what became due since the last look, once', () => {
    const first = fallenDue(null, [item(1, 'today'), item(2, 'left')])
    expect(first.fallen).toEqual([]) // the start-up reminder covers what was due at start
    const second = fallenDue(first.seen, [item(1, 'due'), item(2, 'today'), item(3, 'tomorrow')])
    expect(second.fallen.map((i) => i.applicationId)).toEqual([2])
    const third = fallenDue(second.seen, [item(1, 'overdue'), item(2, 'due'), item(3, 'today')])
    expect(third.fallen.map((i) => i.applicationId)).toEqual([3])
    // A deadline done (gone from the list) and due again later counts again.
    const fourth = fallenDue(fallenDue(third.seen, []).seen, [item(1, 'overdue')])
    expect(fourth.fallen.map((i) => i.applicationId)).toEqual([1])
  })
})

describe('formatDue', () => {
  it('shows Beijing dates, the time only where the rule has one', () => {
    expect(formatDue('2026-12-30T23:59:59+08:00')).toBe('2026-12-30')
    expect(formatDue('2026-12-30T15:59:59Z')).toBe('2026-12-30') // the same moment from UTC
    expect(formatDue('2026-12-01T10:00:00+08:00')).toBe('2026-12-01 10:00')
    expect(formatDue('2026-12-01T17:30:00Z')).toBe('2026-12-02 01:30')
    expect(formatDue('not a date')).toBe('')
  })
})
