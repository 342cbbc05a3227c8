// Typed wrappers of app.ChecklistService (the verification checklists, 核验单)
// and of its progress event.
import * as ChecklistService from '../../wailsjs/go/app/ChecklistService'
import { ClipboardSetText, EventsOn } from '../../wailsjs/runtime/runtime'
import { call } from './errors'
import type { Finding } from './types'

export type ChecklistVariant = 'standard' | 'guangdong_org' | 'guangdong_individual'

/** One website's checklist: its latest stored PDF (documentId 0: none yet) and the to-dos. */
export interface ChecklistResult {
  documentId: number
  websiteId: string
  fileName: string
  size: number
  draft: boolean
  createdAt?: string
  variant: ChecklistVariant
  findings: Finding[]
  /** Text to copy by hand below the signature; "" when the variant has none. */
  statement: string
}

/** Where a file was saved; path "" when the user cancelled the dialog. */
export interface SaveResult {
  path: string
}

export interface BatchSummary {
  applications: number
  websites: number
  files: string[]
  folder: string
  draft: boolean
  cancelled: boolean
  findings: Finding[]
}

export interface BatchProgress {
  done: number
  total: number
}

export const CHECKLIST_PROGRESS_EVENT = 'checklist:progress'

/** The URL the page loads a stored checklist PDF from (app/media.go). */
export const documentUrl = (documentId: number): string => `/media/document/${documentId}.pdf`

const results = (r: unknown) => (r ?? []) as ChecklistResult[]

export const checklist = {
  generate: (applicationId: number, websiteId: string): Promise<ChecklistResult> =>
    call(async () => (await ChecklistService.Generate(applicationId, websiteId)) as unknown as ChecklistResult),
  generateAll: (applicationId: number): Promise<ChecklistResult[]> =>
    call(async () => results(await ChecklistService.GenerateAll(applicationId))),
  list: (applicationId: number): Promise<ChecklistResult[]> =>
    call(async () => results(await ChecklistService.List(applicationId))),
  /** Generates every website's checklist and opens them as one PDF in the system viewer. */
  printAll: (applicationId: number): Promise<ChecklistResult[]> =>
    call(async () => results(await ChecklistService.PrintAll(applicationId))),
  open: (documentId: number): Promise<void> => call(() => ChecklistService.Open(documentId)),
  saveAs: (documentId: number): Promise<SaveResult> =>
    call(async () => (await ChecklistService.SaveAs(documentId)) as SaveResult),
  blank: (variant: ChecklistVariant): Promise<SaveResult> =>
    call(async () => (await ChecklistService.Blank(variant)) as SaveResult),
  batch: (applicationIds: number[], combined: boolean): Promise<BatchSummary> =>
    call(async () => (await ChecklistService.Batch(applicationIds, combined)) as unknown as BatchSummary),
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
