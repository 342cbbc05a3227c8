// Typed wrappers of app.SubmitService: the readiness gate, the clerk's submit,
// submission packages, and tracking an order from submission to the footer.
import * as SubmitService from '../../wailsjs/go/app/SubmitService'
import { EventsOn } from '../../wailsjs/runtime/runtime'
import { call } from './errors'
import type { ApplicationRecord, Finding, Revision, Status } from './types'

/** One unmet condition of the readiness gate; code is a key of i18n/submit.*.json. */
export interface ReadinessItem {
  code: string
  field?: string
  params?: Record<string, unknown>
}

export interface ReadinessReport {
  ready: boolean
  items: ReadinessItem[]
  blocking: Finding[]
}

/** MarkReady / Submit: when report.ready is false nothing changed. */
export interface GateResult {
  report: ReadinessReport
  record: ApplicationRecord
  revision?: Revision
}

export interface ManifestFile {
  name: string
  kind: 'fields' | 'photo' | 'checklist'
  slot?: string
  /** A photo's upload label in Tencent's console (its file is named after it). */
  label?: string
  size: number
  sha256: string
}

export interface Manifest {
  format: string
  formatVersion: number
  appVersion: string
  created: string
  applicationId?: number
  entityName: string
  domains: string[]
  photos: number
  photosMissing?: string
  files: ManifestFile[]
}

export interface PackageProblem {
  code: string
  file: string
}

/** Where a package went ("" when cancelled), its manifest and what a re-check found. */
export interface PackageSummary {
  path: string
  manifest: Manifest
  problems: PackageProblem[]
}

export interface BatchResult {
  applicationId: number
  path: string
  manifest: Manifest
  error?: string
}

export interface BatchExport {
  folder: string
  results: BatchResult[]
  cancelled: boolean
}

export interface ConsoleField {
  section: string
  label: string
  value: string
  path: string
  /** The document the label and its place come from (assets/data/console_fields.json). */
  source?: string
}

export interface StatusEvent {
  id: number
  applicationId: number
  from: Status | ''
  to: Status
  at: string
  note?: string
  actor?: string
  /** the clerk who recorded it */
  clerk?: string
}

/** A status event as the timeline shows it: ICP Desk's own text as an i18n
 * code (with params and rejection reason ids) and the clerk's note apart. */
export interface TimelineEvent extends StatusEvent {
  code?: string
  params?: Record<string, unknown>
  reasons?: string[]
  clerkNote?: string
}

/** A field the last rejection concerns, with the reasons naming it. */
export interface RejectionMark {
  field: string
  reasons: string[]
}

/** How far a due date is, counted in Go (Shanghai calendar or working days). */
export interface Countdown {
  key: 'overdue' | 'due' | 'today' | 'tomorrow' | 'left'
  n: number
  unit: 'days' | 'working_days'
}

export interface Deadline {
  kind: string
  websiteId?: string
  start: string
  due: string
  approximate: boolean
  /** holidays: a year without a State Council notice; unconfirmed: the rule itself. */
  approxReason?: 'holidays' | 'unconfirmed'
  overdue: boolean
  unit: 'days' | 'working_days'
  countdown: Countdown
  params?: Record<string, unknown>
}

export interface PSBRecord {
  number?: string
  filedAt?: string
  approvedAt?: string
  displayed?: boolean
}

export interface Approval {
  icpNumber: string
  websiteNumbers: Record<string, string>
  approvedAt: string
  footerDone: boolean
  psb?: Record<string, PSBRecord>
}

export interface PSBStep {
  code: string
  websiteId: string
  done: boolean
  due?: string
  overdue: boolean
  countdown?: Countdown
  params?: Record<string, unknown>
}

export interface Rejection {
  at: string
  from: Status
  reasons: string[]
  note?: string
  revisionId: number
}

export interface Timeline {
  status: Status
  events: TimelineEvent[]
  deadlines: Deadline[]
  next: Status[]
  rejections: Rejection[]
  approval?: Approval
  psbSteps: PSBStep[]
  now: string
}

export interface RejectionReason {
  id: string
  n: number
  zh: string
  en: string
  fields: string[]
}

export interface Reopened {
  record: ApplicationRecord
  rejection: Rejection
  reasons: RejectionReason[]
  fields: string[]
}

/** Approve / RecordPSB: saved false means a finding refused the numbers. */
export interface ApprovalResult {
  saved: boolean
  approval: Approval
  findings: Finding[]
}

export interface FooterOptions {
  year: number
  psbIcon: string
}

export interface FooterResult {
  html: string
  findings: Finding[]
}

export interface DueItem {
  applicationId: number
  clientName: string
  entityName: string
  primaryDomain: string
  status: Status
  deadline: Deadline
}

/** One deadline as the clerk's calendar shows it (worded in the UI language). */
export interface CalendarEntry {
  key: string
  summary: string
  description: string
  due: string
}

export interface CalendarResult {
  path: string
  events: number
  cancelled: boolean
}

export interface ExportProgress {
  done: number
  total: number
}

export const SUBMIT_PROGRESS_EVENT = 'submit:progress'

// The Go structs are plain JSON; the generated classes add nothing we use.
const as = <T>(p: Promise<unknown>): Promise<T> => call(async () => (await p) as T)

export const submitApi = {
  readiness: (id: number) => as<ReadinessReport>(SubmitService.Readiness(id)),
  markReady: (id: number) => as<GateResult>(SubmitService.MarkReady(id)),
  /** Records the clerk's decision that the order went into Tencent's console. */
  submit: (id: number, note: string) => as<GateResult>(SubmitService.Submit(id, note)),
  exportPackage: (id: number, folder: boolean) => as<PackageSummary>(SubmitService.ExportPackage(id, folder)),
  exportPackages: (ids: number[]) => as<BatchExport>(SubmitService.ExportPackages(ids)),
  cancelExport: () => call(() => SubmitService.CancelExport()),
  consoleFields: (id: number) => as<ConsoleField[]>(SubmitService.ConsoleFields(id)),
  timeline: (id: number) => as<Timeline>(SubmitService.Timeline(id)),
  /** at: RFC 3339, "" = now. */
  setStatus: (id: number, to: Status, note: string, at: string) =>
    as<StatusEvent>(SubmitService.SetStatus(id, to as never, note, at)),
  rejectionReasons: () => as<RejectionReason[]>(SubmitService.RejectionReasons()),
  reject: (id: number, reasonIds: string[], note: string, at: string) =>
    as<Rejection>(SubmitService.Reject(id, reasonIds, note, at)),
  reopen: (id: number) => as<Reopened>(SubmitService.Reopen(id)),
  approve: (id: number, icp: string, websiteNumbers: Record<string, string>, at: string) =>
    as<ApprovalResult>(SubmitService.Approve(id, icp, websiteNumbers, at)),
  approval: (id: number) => as<Approval | null>(SubmitService.Approval(id)),
  recordPSB: (id: number, websiteId: string, record: PSBRecord) =>
    as<ApprovalResult>(SubmitService.RecordPSB(id, websiteId, record as never)),
  setFooterDone: (id: number, done: boolean) => as<Approval>(SubmitService.SetFooterDone(id, done)),
  footer: (id: number, websiteId: string, options: FooterOptions) =>
    as<FooterResult>(SubmitService.Footer(id, websiteId, options as never)),
  dueSoon: (withinDays: number) => as<DueItem[]>(SubmitService.DueSoon(withinDays)),
  reminders: () => as<DueItem[]>(SubmitService.Reminders()),
  rejectionMarks: (id: number) => as<RejectionMark[]>(SubmitService.RejectionMarks(id)),
  /** Writes the deadlines as an .ics file where the clerk says (save dialog). */
  exportCalendar: (name: string, entries: CalendarEntry[]) => as<CalendarResult>(SubmitService.ExportCalendar(name, entries)),
  /** Calls fn with {done, total} while a batch export runs; returns the unsubscribe function. */
  onProgress: (fn: (p: ExportProgress) => void): (() => void) => {
    try {
      return EventsOn(SUBMIT_PROGRESS_EVENT, (p: ExportProgress) => fn(p))
    } catch {
      return () => {}
    }
  },
}
