import { describe, expect, it } from 'vitest'
import { countdown, daysLeft } from './deadline'

describe('countdown', () => {
  const now = new Date('2026-11-23T10:00:00+08:00')
  it.each([
    ['2026-11-25T23:59:59+08:00', 'left', 3],
    ['2026-11-23T23:59:59+08:00', 'today', 1],
    ['2026-11-23T09:00:00+08:00', 'due', 0],
    ['2026-11-21T09:00:00+08:00', 'overdue', 2],
  ])('%s is %s %d', (due, key, n) => {
    expect(countdown(due, now)).toEqual({ key, n })
  })
  it('counts whole days left', () => {
    expect(daysLeft('2026-11-24T10:00:00+08:00', now)).toBe(1)
  })
})
