import type { Finding } from '../api'

export const STEPS = ['type', 'entity', 'websites', 'materials', 'review', 'tracking'] as const
export type Step = (typeof STEPS)[number]

export function isStep(x: unknown): x is Step {
  return typeof x === 'string' && (STEPS as readonly string[]).includes(x)
}

/** The wizard step whose form holds a finding's field. */
export function stepOf(f: Finding): Step {
  const segs = f.field.split('.')
  const head = segs[0]
  if (head === 'answers' || head === 'type') return 'type'
  if (head === 'entity') return 'entity'
  // A website's photos ("websites.0.photos.backdrop") are on the materials step.
  if (head === 'websites' && segs[2] === 'photos') return 'materials'
  if (head === 'websites') return 'websites'
  if (head === 'photos' || head === 'documents') return 'materials'
  return 'review'
}

export type StepState = 'todo' | 'problems' | 'done'

/**
 * A step has problems when a blocking finding belongs to it and the clerk has
 * been through it (visited holds the steps left at least once): arriving at
 * a blank step is progress to make, not a failure.
 */
export function stepStates(findings: Finding[], visited: Set<Step>): Record<Step, StepState> {
  const out = {} as Record<Step, StepState>
  for (const s of STEPS) {
    const blocking = findings.some((f) => f.severity === 'block' && stepOf(f) === s)
    out[s] = blocking ? (visited.has(s) ? 'problems' : 'todo') : visited.has(s) ? 'done' : 'todo'
  }
  return out
}

const order: Record<Finding['severity'], number> = { block: 0, warn: 1, info: 2 }

/** Findings ordered blocking first, then warnings, then hand-work items. */
export function bySeverity(fs: Finding[]): Finding[] {
  return [...fs].sort((a, b) => order[a.severity] - order[b.severity])
}
