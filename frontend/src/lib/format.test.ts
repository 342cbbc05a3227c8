import { describe, expect, it } from 'vitest'
import { formatClock, formatTime } from './format'

describe('timestamps', () => {
  it('are 24-hour and zero-padded whatever the locale', () => {
    const d = new Date(2026, 10, 3, 13, 7)
    expect(formatTime(d)).toBe('2026-11-03 13:07')
    expect(formatClock(d)).toBe('13:07')
    expect(formatClock(new Date(2026, 0, 1, 9, 5))).toBe('09:05')
  })
  it('are empty for a bad value', () => {
    expect(formatTime('not a date')).toBe('')
    expect(formatClock('')).toBe('')
  })
})
