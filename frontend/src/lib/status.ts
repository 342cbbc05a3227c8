import type { Status } from '../api'

export type TagType = 'default' | 'info' | 'success' | 'warning' | 'error'

/** Status chip colours (design/ui.md): draft grey, ready blue, submitted purple,
 * under review orange, returned red, approved green; the dead ends grey/red. */
export const statusType: Record<Status, TagType> = {
  draft: 'default', ready: 'info', submitted: 'default', prelim_review: 'warning', photo_pending: 'warning',
  photo_review: 'warning', wait_bureau_submit: 'warning', sms_pending: 'warning', bureau_review: 'warning',
  approved: 'success', returned: 'error', abandoned: 'default', expired: 'default', rejected_final: 'error',
}

// Naive UI has no purple tag type, so submitted gets its own colours.
const PURPLE = { color: 'rgba(128, 72, 196, 0.12)', textColor: '#7a3fc0', borderColor: 'rgba(128, 72, 196, 0.3)' }

/** Props for an NTag showing a status. */
export function statusTag(s: Status): { type: TagType; color?: typeof PURPLE } {
  return s === 'submitted' ? { type: 'default', color: PURPLE } : { type: statusType[s] ?? 'default' }
}

/** The i18n key naming an application type; an unidentified one is "unknown". */
export function appTypeKey(type: string | undefined | null): string {
  return type ? `appType.${type}` : 'appType.unknown'
}
