import type { Status, TimelineEvent } from '../api'

/** Records that end an order for good: quiet buttons, confirmed in the dialog. */
export const DESTRUCTIVE: readonly Status[] = ['abandoned', 'expired', 'rejected_final']

export interface NextActions {
  /** The expected next step: the one prominent button (null when none). */
  primary: Status | null
  /** Other forward steps and the rejection record: ordinary buttons. */
  others: Status[]
  /** Records that end the order: quiet buttons. */
  destructive: Status[]
}

/**
 * Splits the statuses reachable from the current one into the expected next
 * step, the other records and the destructive ones. Draft and ready come back
 * through reopening and the submit panel, not as status records; a returned
 * order's expected step is reopening it, so it has no primary status.
 */
export function nextActions(status: Status, next: readonly Status[]): NextActions {
  const out: NextActions = { primary: null, others: [], destructive: [] }
  for (const s of next) {
    if (s === 'draft' || s === 'ready') continue
    if (DESTRUCTIVE.includes(s)) out.destructive.push(s)
    else if (out.primary === null && s !== 'returned' && status !== 'returned') out.primary = s
    else out.others.push(s)
  }
  return out
}

/** The i18n key of the read-only note over a frozen application's form. */
export function readOnlyKey(status: Status | undefined): string {
  switch (status) {
    case 'approved':
      return 'wizard.readOnlyApproved'
    case 'returned':
      return 'wizard.readOnlyReturned'
    case 'abandoned':
    case 'expired':
    case 'rejected_final':
      return 'wizard.readOnlyClosed'
    default:
      return 'wizard.readOnly'
  }
}

/**
 * The lines a timeline event shows, in the UI language: ICP Desk's own text
 * (from its code), the rejection reasons, then the clerk's note as typed.
 */
export function eventLines(
  e: TimelineEvent,
  text: (code: string, params?: Record<string, unknown>) => string,
  reason: (id: string) => string,
): string[] {
  const out: string[] = []
  if (e.code) out.push(text(e.code, e.params))
  for (const id of e.reasons ?? []) out.push('· ' + reason(id))
  if (e.clerkNote) out.push(e.clerkNote)
  return out
}

export interface ProvinceAbbr {
  key: string
  abbr: string
  icpAbbr?: string
  psbAbbr?: string[]
  regionCode?: string
}

/**
 * An example entity ICP number in the application's province (粤ICP备… for
 * Guangdong); null while the province is not known, where the caller shows a
 * template without one (never another province's sample).
 */
export function icpExample(p: ProvinceAbbr | undefined): string | null {
  const abbr = p?.icpAbbr || p?.abbr
  return abbr ? `${abbr}ICP备2026012345号` : null
}

/** An example PSB number in the application's province (粤公网安备 44…号 for Guangdong); null without one. */
export function psbExample(p: ProvinceAbbr | undefined): string | null {
  const abbr = p?.psbAbbr?.[0] || p?.abbr
  const code = p?.regionCode ?? ''
  return abbr && /^\d{2}$/.test(code) ? `${abbr}公网安备 ${code}010602000001号` : null
}

/**
 * The Tencent documents a console field list follows, once each and in order,
 * shortened to "repository · path under 网站备案/" (sources that are no
 * Tencent document are left out).
 */
export function consoleSources(fields: { source?: string }[]): string[] {
  const out: string[] = []
  for (const f of fields) {
    const m = /^tencentyun\/([^ ]+) product\/域名与网站\/网站备案\/(.+)$/.exec(f.source ?? '')
    const s = m ? `${m[1]} · ${m[2]}` : ''
    if (s && !out.includes(s)) out.push(s)
  }
  return out
}
