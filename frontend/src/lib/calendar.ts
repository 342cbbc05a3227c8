import type { CalendarEntry, Deadline } from '../api'

/** A deadline with the application it belongs to. */
export interface CalendarSource {
  applicationId: number
  entityName: string
  primaryDomain: string
  deadline: Deadline
}

type Text = (code: string, params?: Record<string, unknown>) => string

/**
 * The calendar entries of deadlines, worded in the UI language: the summary
 * names the entity and the duty, the description repeats the duty with the
 * due date and whether it is approximate. The key (application/kind/website)
 * keeps an event's UID stable across exports.
 */
export function calendarEntries(
  list: CalendarSource[],
  text: Text,
  t: (key: string, params?: Record<string, unknown>) => string,
  format: (iso: string) => string,
  approx: (d: Deadline) => string,
): CalendarEntry[] {
  return list.map((s) => {
    const d = s.deadline
    const duty = text(d.kind, { domain: s.primaryDomain, ...(d.params ?? {}) })
    const who = s.entityName || s.primaryDomain || t('home.untitledEntity')
    const lines = [duty, t('submitUi.ics.due', { time: format(d.due) })]
    const a = approx(d)
    if (a) lines.push(a)
    lines.push(t('submitUi.ics.from'))
    return { key: `${s.applicationId}/${d.kind}/${d.websiteId ?? ''}`, summary: t('fmt.labelValue', { label: who, value: duty }), description: lines.join('\n'), due: d.due }
  })
}
