// Typed wrappers of app.ChecklistService (the verification checklists, 核验单)
// and of its progress event.
import * as ChecklistService from '../../wailsjs/go/app/ChecklistService'
import { ClipboardSetText, EventsOn } from '../../wailsjs/runtime/runtime'
import type { app } from '../../wailsjs/go/models'
import { call } from './errors'
import type { Finding } from './types'
import { get, type Refine, type Wire } from './wire'

export type ChecklistVariant = 'standard' | 'guangdong_org' | 'guangdong_individual'

/** One website's checklist: its latest stored PDF (documentId 0: none yet) and the to-dos. */
export type ChecklistResult = Refine<Wire<app.ChecklistResult>, { variant: ChecklistVariant; findings: Finding[] }>

/** Where a file was saved; path "" when the user cancelled the dialog. */
export type SaveResult = Wire<app.SaveResult>

export type BatchSummary = Refine<Wire<app.BatchSummary>, { findings: Finding[] }>

export interface BatchProgress {
  done: number
  total: number
}

export const CHECKLIST_PROGRESS_EVENT = 'checklist:progress'

/** The URL the page loads a stored checklist PDF from (app/media.go). */
export const documentUrl = (documentId: number): string => `/media/document/${documentId}.pdf`

export const checklist = {
  generate: (applicationId: number, websiteId: string): Promise<ChecklistResult> =>
    get(ChecklistService.Generate(applicationId, websiteId)),
  generateAll: (applicationId: number): Promise<ChecklistResult[]> =>
    get(ChecklistService.GenerateAll(applicationId).then((r) => r ?? [])),
  list: (applicationId: number): Promise<ChecklistResult[]> =>
    get(ChecklistService.List(applicationId).then((r) => r ?? [])),
  /** Generates every website's checklist and opens them as one PDF in the system viewer. */
  printAll: (applicationId: number): Promise<ChecklistResult[]> =>
    get(ChecklistService.PrintAll(applicationId).then((r) => r ?? [])),
  open: (documentId: number): Promise<void> => call(() => ChecklistService.Open(documentId)),
  saveAs: (documentId: number): Promise<SaveResult> =>
    get(ChecklistService.SaveAs(documentId)),
  blank: (variant: ChecklistVariant): Promise<SaveResult> =>
    get(ChecklistService.Blank(variant)),
  batch: (applicationIds: number[], combined: boolean): Promise<BatchSummary> =>
    get(ChecklistService.Batch(applicationIds, combined)),
  cancelBatch: (): Promise<void> => call(() => ChecklistService.CancelBatch()),
  /** Puts text on the clipboard (the hand-copied statement); false when nothing could. */
  copyText: async (text: string): Promise<boolean> => {
    try {
      if (await ClipboardSetText(text)) return true
    } catch {
      /* no Wails runtime: the browser's clipboard below */
    }
    try {
      await navigator.clipboard.writeText(text)
      return true
    } catch {
      return false
    }
  },
  /** Calls fn with {done, total} while a batch runs; returns the unsubscribe function. */
  onProgress: (fn: (p: BatchProgress) => void): (() => void) => {
    try {
      return EventsOn(CHECKLIST_PROGRESS_EVENT, (p: BatchProgress) => fn(p))
    } catch {
      return () => {} // no Wails runtime (unit tests)
    }
  },
}
