import type { ApiError, Finding, PhotoAdjust, SlotState } from '../api'

export type SlotStatus = 'missing' | 'problems' | 'done'

/** A slot is done once it holds an exported picture with nothing blocking. */
export function slotStatus(s: SlotState): SlotStatus {
  if (!s.photo || !s.photo.exportUrl) return 'missing'
  // a warning the clerk ticked (我已核对此照片) is dealt with; a block never is
  if (s.findings.some((f) => f.severity === 'block' || (f.severity === 'warn' && !f.confirmedAt))) return 'problems'
  return 'done'
}

/** The picture a filled slot shows: its export, or before the first export the upright original's preview. */
export function slotImageUrl(s: SlotState): string {
  return s.photo?.exportUrl || s.photo?.previewUrl || ''
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

/**
 * Where a slot's picture stands with the detector's crop suggestion:
 * 'applied' — the suggested corners are what the export uses (the clerk can
 * keep the original instead); 'offered' — a card or page was found but not
 * applied, with the reasons (the clerk can apply it); 'none' — nothing to
 * suggest (reasons say why, e.g. a tight scan); 'custom' — the clerk's own crop.
 */
export type SuggestionMode = 'applied' | 'offered' | 'none' | 'custom'

export function suggestionState(s: SlotState): { mode: SuggestionMode; score: number; reasons: string[] } {
  const p = s.photo
  const sg = p?.suggestion
  if (!p || !sg) return { mode: 'none', score: 0, reasons: [] }
  const score = Math.round((sg.confidence?.score ?? 0) * 100)
  const reasons = sg.reasons ?? []
  const a = p.adjust
  const same = (x?: { x: number; y: number }[], y?: { x: number; y: number }[]) =>
    !!x && !!y && x.length === y.length && x.every((q, i) => Math.abs(q.x - y[i].x) < 0.5 && Math.abs(q.y - y[i].y) < 0.5)
  const untouched = !a?.crop && !a?.corners && !a?.rotate90 && !a?.fineRotateDeg
  if (sg.found && same(a?.corners, sg.corners)) return { mode: 'applied', score, reasons }
  if (untouched) return { mode: sg.found ? 'offered' : 'none', score, reasons }
  return { mode: 'custom', score, reasons }
}

/** The adjustments behind the two one-click choices. */
export const keepOriginal = (): PhotoAdjust => ({ rotate90: 0, fineRotateDeg: 0 })
export function applySuggestion(s: SlotState): PhotoAdjust | null {
  const sg = s.photo?.suggestion
  if (!sg?.found) return null
  return { rotate90: 0, fineRotateDeg: 0, corners: sg.corners }
}

/**
 * The key a finding's confirmation is recorded under in the application
 * (backend ConfirmationKey: rule@field, plus #key when the finding has one).
 */
export function confirmationKey(f: Pick<Finding, 'rule' | 'field' | 'params'>): string {
  const k = `${f.rule}@${f.field}`
  const s = f.params?.key
  return typeof s === 'string' && s ? `${k}#${s}` : k
}
