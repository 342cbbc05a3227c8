// Typed wrappers of app.SubmitService: the readiness gate, the clerk's submit,
// submission packages, and tracking an order from submission to the footer.
import * as SubmitService from '../../wailsjs/go/app/SubmitService'
import { EventsOn } from '../../wailsjs/runtime/runtime'
import { app, submit } from '../../wailsjs/go/models'
import type { assets, backend } from '../../wailsjs/go/models'
import { call } from './errors'
import type { ApplicationRecord, Finding, Revision, Status, StatusFlags } from './types'
import { get, getOrNull, type Refine, type Wire } from './wire'

/** One unmet condition of the readiness gate; code is a key of i18n/submit.*.json. */
export type ReadinessItem = Wire<submit.Item>

export type ReadinessReport = Refine<Wire<submit.Report>, { blocking: Finding[] }>

/** MarkReady / Submit: when report.ready is false nothing changed. */
export type GateResult = Refine<
  Wire<app.GateResult>,
  { report: ReadinessReport; record: ApplicationRecord; revision?: Revision }
>

/** A photo's label is its upload label in Tencent's console (its file is named after it). */
export type ManifestFile = Refine<Wire<submit.ManifestFile>, { kind: 'fields' | 'photo' | 'checklist' }>

export type Manifest = Refine<Wire<submit.Manifest>, { files: ManifestFile[] }>

export type PackageProblem = Wire<submit.Problem>

/** Where a package went ("" when cancelled), its manifest and what a re-check found. */
export type PackageSummary = Refine<Wire<app.PackageSummary>, { manifest: Manifest }>

export type BatchResult = Refine<Wire<submit.BatchResult>, { manifest: Manifest }>

export type BatchExport = Refine<Wire<app.BatchExport>, { results: BatchResult[] }>

export type ConsoleField = Wire<submit.ConsoleField>

export type StatusEvent = Refine<Wire<backend.Event>, { from: Status | ''; to: Status }>

/** How far a due date is, counted in Go (Shanghai calendar or working days). */
export type Countdown = Refine<
  Wire<submit.Countdown>,
  { key: 'overdue' | 'due' | 'today' | 'tomorrow' | 'left'; unit: 'days' | 'working_days' }
>

/** approxReason — holidays: a year without a State Council notice; unconfirmed: the rule itself. */
export type Deadline = Refine<
  Wire<submit.Deadline>,
  { approxReason?: 'holidays' | 'unconfirmed'; unit: 'days' | 'working_days'; countdown: Countdown }
>

export type PSBRecord = Wire<submit.PSBRecord>

export type Approval = Wire<submit.Approval>

export type PSBStep = Refine<Wire<submit.PSBStep>, { countdown?: Countdown }>

export type Rejection = Refine<Wire<submit.Rejection>, { from: Status }>

/** A status event as the timeline shows it: ICP Desk's own text as an i18n
 * code (with params and rejection reason ids) and the clerk's note apart. */
export type TimelineEvent = Refine<Wire<submit.TimelineEvent>, { from: Status | ''; to: Status }>

/** A field the last rejection concerns, with the reasons naming it. */
export type RejectionMark = Wire<submit.RejectionMark>

/** One deadline as the clerk's calendar shows it (worded in the UI language). */
export type CalendarEntry = Wire<app.CalendarEntry>

export type CalendarResult = Wire<app.CalendarResult>

export type Timeline = Refine<
  Wire<submit.Timeline>,
  { status: Status; events: TimelineEvent[]; deadlines: Deadline[]; next: Status[]; rejections: Rejection[]; psbSteps: PSBStep[]; flags: StatusFlags }
>

export type RejectionReason = Wire<assets.RejectionReason>

export type Reopened = Refine<Wire<submit.Reopened>, { record: ApplicationRecord; rejection: Rejection }>

/** Approve / RecordPSB: saved false means a finding refused the numbers. */
export type ApprovalResult = Refine<Wire<app.ApprovalResult>, { findings: Finding[] }>

export type ApprovalCheck = Refine<Wire<submit.ApprovalCheck>, { findings: Finding[] }>

export type FooterOptions = Wire<app.FooterOptions>

export type FooterResult = Refine<Wire<app.FooterResult>, { findings: Finding[] }>

export type DueItem = Refine<Wire<submit.DueItem>, { status: Status; deadline: Deadline }>

export interface ExportProgress {
  done: number
  total: number
}

export const SUBMIT_PROGRESS_EVENT = 'submit:progress'


export const submitApi = {
  readiness: (id: number): Promise<ReadinessReport> => get(SubmitService.Readiness(id)),
  markReady: (id: number): Promise<GateResult> => get(SubmitService.MarkReady(id)),
  /** Records the clerk's decision that the order went into Tencent's console. */
  submit: (id: number, note: string): Promise<GateResult> => get(SubmitService.Submit(id, note)),
  exportPackage: (id: number, folder: boolean): Promise<PackageSummary> => get(SubmitService.ExportPackage(id, folder)),
  exportPackages: (ids: number[]): Promise<BatchExport> => get(SubmitService.ExportPackages(ids)),
  cancelExport: () => call(() => SubmitService.CancelExport()),
  consoleFields: (id: number): Promise<ConsoleField[]> => get(SubmitService.ConsoleFields(id)),
  timeline: (id: number): Promise<Timeline> => get(SubmitService.Timeline(id)),
  /** at: RFC 3339, "" = now. */
  setStatus: (id: number, to: Status, note: string, at: string): Promise<StatusEvent> =>
    get(SubmitService.SetStatus(id, to, note, at)),
  rejectionReasons: (): Promise<RejectionReason[]> => get(SubmitService.RejectionReasons()),
  reject: (id: number, reasonIds: string[], note: string, at: string): Promise<Rejection> =>
    get(SubmitService.Reject(id, reasonIds, note, at)),
  reopen: (id: number): Promise<Reopened> => get(SubmitService.Reopen(id)),
  approve: (id: number, icp: string, websiteNumbers: Record<string, string>, at: string): Promise<ApprovalResult> =>
    get(SubmitService.Approve(id, icp, websiteNumbers, at)),
  /** The approval form's numbers checked by Go's rules as the clerk types; records nothing. */
  checkApproval: (id: number, icp: string, websiteNumbers: Record<string, string>): Promise<ApprovalCheck> =>
    get(SubmitService.CheckApproval(id, icp, websiteNumbers)),
  approval: (id: number): Promise<Approval | null> => getOrNull(SubmitService.Approval(id)),
  recordPSB: (id: number, websiteId: string, record: PSBRecord): Promise<ApprovalResult> =>
    get(SubmitService.RecordPSB(id, websiteId, submit.PSBRecord.createFrom(record))),
  setFooterDone: (id: number, done: boolean): Promise<Approval> => get(SubmitService.SetFooterDone(id, done)),
  footer: (id: number, websiteId: string, options: FooterOptions): Promise<FooterResult> =>
    get(SubmitService.Footer(id, websiteId, app.FooterOptions.createFrom(options))),
  dueSoon: (withinDays: number): Promise<DueItem[]> => get(SubmitService.DueSoon(withinDays)),
  reminders: (): Promise<DueItem[]> => get(SubmitService.Reminders()),
  rejectionMarks: (id: number): Promise<RejectionMark[]> => get(SubmitService.RejectionMarks(id).then((r) => r ?? [])),
  /** Writes the deadlines as an .ics file where the clerk says (save dialog). */
  exportCalendar: (name: string, entries: CalendarEntry[]): Promise<CalendarResult> =>
    get(SubmitService.ExportCalendar(name, entries.map((e) => app.CalendarEntry.createFrom(e)))),
  /** Calls fn with {done, total} while a batch export runs; returns the unsubscribe function. */
  onProgress: (fn: (p: ExportProgress) => void): (() => void) => {
    try {
      return EventsOn(SUBMIT_PROGRESS_EVENT, (p: ExportProgress) => fn(p))
    } catch {
      return () => {}
    }
  },
}
