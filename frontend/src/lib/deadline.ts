import type { Countdown } from '../api'

const SHANGHAI = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
})

/**
 * A due date as the rule counts it, in Beijing time whatever the computer's
 * zone: a deadline at the end of a day shows its date only ("2026-12-30"),
 * one at a precise time (the 24-hour SMS code) its date and time.
 */
export function formatDue(at: string): string {
  const d = new Date(at)
  if (Number.isNaN(d.getTime())) return ''
  const part = (type: string) => SHANGHAI.formatToParts(d).find((x) => x.type === type)?.value ?? ''
  const date = `${part('year')}-${part('month')}-${part('day')}`
  const time = `${part('hour')}:${part('minute')}`
  return time === '23:59' ? date : `${date} ${time}`
}

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

/** A deadline's identity across refreshes. */
export function dueKey(d: { applicationId: number; deadline: { kind: string; websiteId?: string } }): string {
  return `${d.applicationId}/${d.deadline.kind}/${d.deadline.websiteId ?? ''}`
}

/** Whether a countdown says the deadline is due: today, passed today, or overdue. */
export function isDue(c: Countdown): boolean {
  return c.key === 'today' || c.key === 'due' || c.key === 'overdue'
}

/**
 * The deadlines that fell due since the last look: due now and not due (or
 * not listed) then. seen holds the keys due at the last look; the first look
 * (seen null) only sets the baseline, because the start-up reminder already
 * names what was due when ICP Desk opened.
 */
export function fallenDue<T extends { applicationId: number; deadline: { kind: string; websiteId?: string; countdown: Countdown } }>(
  seen: Set<string> | null,
  items: T[],
): { fallen: T[]; seen: Set<string> } {
  const now = new Set(items.filter((i) => isDue(i.deadline.countdown)).map(dueKey))
  if (seen === null) return { fallen: [], seen: now }
  return { fallen: items.filter((i) => now.has(dueKey(i)) && !seen.has(dueKey(i))), seen: now }
}
