// Where a finding's rule comes from, and which findings are notes shown beside
// a field (a phone number's location) rather than problems or hand-work.
import type { Finding } from '../api'

/** A phone number's registered location (归属地): a note under the field, not a task. */
export function isFieldNote(f: Finding): boolean {
  return f.rule === 'person.phone.location' || f.rule === 'person.phone.location_unknown'
}

/** The source line under a finding ("依据：各省管局要求 · 北京 · 企事业单位第 5 条"), or '' without a source. */
export function sourceLine(f: Finding, t: (key: string, params?: Record<string, unknown>) => string): string {
  const s = f.source
  if (!s || !s.title) return ''
  const line = t('findings.source', { title: s.title, section: s.section })
  return s.confirmed ? line : `${line} ${t('findings.unconfirmed')}`
}
