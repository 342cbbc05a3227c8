import type { Finding } from '../api'
import { isFieldNote } from './findingSource'

/**
 * A stable identity for lists: rule, field and the params that tell findings
 * of one rule on one field apart (a province's documents carry "key"). Two
 * findings with the same identity say the same thing and are listed once.
 */
export function findingId(f: Finding): string {
  const p = f.params ?? {}
  const params = Object.keys(p)
    .sort()
    .map((k) => `${k}=${String(p[k])}`)
    .join('&')
  return `${f.rule}|${f.field}|${params}`
}

/** The findings without repeats, first occurrence kept. */
export function unique(fs: Finding[]): Finding[] {
  const seen = new Set<string>()
  return fs.filter((f) => {
    const id = findingId(f)
    if (seen.has(id)) return false
    seen.add(id)
    return true
  })
}

/**
 * Whether the clerk ticks this finding off by hand (rules.Confirmable in Go):
 * hand-checks and tasks; unanswered type questions go away by answering, and
 * a phone's location is a note under its field.
 */
export function confirmable(f: Finding): boolean {
  return f.severity === 'info' && f.rule !== 'type.unanswered' && !isFieldNote(f)
}
