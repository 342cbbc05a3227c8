import type { ApiError, SlotState } from '../api'

export type SlotStatus = 'missing' | 'problems' | 'done'

/** A slot is done once it holds an exported picture with nothing blocking. */
export function slotStatus(s: SlotState): SlotStatus {
  if (!s.photo || !s.photo.exportUrl) return 'missing'
  if (s.findings.some((f) => f.severity === 'block' || f.severity === 'warn')) return 'problems'
  return 'done'
}

/** Counts the required slots, and those with a picture nothing blocks. */
export function progress(slots: SlotState[]): { done: number; total: number } {
  const required = slots.filter((s) => s.required)
  const done = required.filter((s) => s.photo?.exportUrl && !s.findings.some((f) => f.severity === 'block'))
  return { done: done.length, total: required.length }
}

export interface SlotGroup {
  id: string
  websiteId?: string
  slots: SlotState[]
}

/** Groups slots as the step shows them: entity, person IDs, province extras, then one group per website. */
export function groupSlots(slots: SlotState[]): SlotGroup[] {
  const entity: SlotState[] = []
  const persons: SlotState[] = []
  const extras: SlotState[] = []
  const sites = new Map<string, SlotState[]>()
  for (const s of slots) {
    if (s.websiteId) {
      if (!sites.has(s.websiteId)) sites.set(s.websiteId, [])
      sites.get(s.websiteId)!.push(s)
    } else if (s.slot === 'entity_cert') entity.push(s)
    else if (s.slot.startsWith('person_id_')) persons.push(s)
    else extras.push(s)
  }
  const out: SlotGroup[] = []
  if (entity.length) out.push({ id: 'entity', slots: entity })
  if (persons.length) out.push({ id: 'persons', slots: persons })
  if (extras.length) out.push({ id: 'extras', slots: extras })
  for (const [websiteId, list] of sites) out.push({ id: 'website', websiteId, slots: list })
  return out
}

type Translate = (key: string, params?: Record<string, unknown>) => string
type FindingText = (rule: string, params?: Record<string, unknown>) => string

/**
 * The message of a failed import. Decoder codes ("photo.heic", corrupt,
 * too_large…) have their message with the fix in the photo finding table.
 */
export function importErrorText(e: ApiError, t: Translate, finding: FindingText): string {
  const p = e.params
  if (e.code.startsWith('photo.')) return finding(e.code, p)
  switch (e.code) {
    case 'too_large':
      return p.reason === 'file_bytes' ? t('photoUi.errors.tooLargeBytes', p) : finding('photo.too_large', p)
    case 'corrupt':
      return finding('photo.corrupt', p)
    case 'unsupported':
      return p.reason === 'read' ? t('photoUi.errors.read') : finding('photo.unsupported', p)
    case 'not_found':
      return e.field === 'path' ? t('photoUi.errors.notFound') : t('errors.not_found')
    case 'invalid':
      return e.field === 'slot' ? t('photoUi.errors.invalidSlot') : t('errors.invalid')
  }
  return t(`errors.${e.code}`, p)
}
