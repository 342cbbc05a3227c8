import type { Countdown } from '../api'

/**
 * The i18n key under submitUi.countdown and its count for a countdown the Go
 * side computed (one definition of a day: Shanghai calendar dates, or the
 * working days among them for a rule counted in working days).
 */
export function countdownKey(c: Countdown): { key: string; n: number } {
  if (c.key === 'left' && c.unit === 'working_days') return { key: 'leftWorking', n: c.n }
  return { key: c.key, n: c.n }
}

/** The i18n key of a deadline's "approximate" note, or '' when it is exact. */
export function approxKey(d: { approximate: boolean; approxReason?: string }): string {
  if (!d.approximate) return ''
  return d.approxReason === 'unconfirmed' ? 'submitUi.approxUnconfirmed' : 'submitUi.approximate'
}
