const DAY_MS = 24 * 60 * 60 * 1000

/** Whole days from now to due: negative when overdue, 0 when due today. */
export function daysLeft(due: string | Date, now: Date = new Date()): number {
  const d = typeof due === 'string' ? new Date(due) : due
  return Math.ceil((d.getTime() - now.getTime()) / DAY_MS)
}

/** The countdown's i18n key under submitUi.countdown and its count. */
export function countdown(due: string | Date, now: Date = new Date()): { key: 'overdue' | 'due' | 'today' | 'left'; n: number } {
  const d = typeof due === 'string' ? new Date(due) : due
  if (d.getTime() < now.getTime()) {
    // Less than a whole day late is "due now", not "1 day overdue".
    const late = Math.floor((now.getTime() - d.getTime()) / DAY_MS)
    return late === 0 ? { key: 'due', n: 0 } : { key: 'overdue', n: late }
  }
  const n = daysLeft(d, now)
  return n <= 1 ? { key: 'today', n } : { key: 'left', n }
}
