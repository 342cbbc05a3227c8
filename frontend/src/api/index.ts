export { ApiError, toApiError } from './errors'
export { system } from './system'
export { filing, workspace } from './filing'
export type { AppInfo, Language, Preferences, PreferencesProblem } from './system'
export type * from './types'
export { checklist, documentUrl } from './checklist'
export type { BatchProgress, BatchSummary, ChecklistResult, ChecklistVariant, SaveResult } from './checklist'
export { photos } from './photo'
export type { PhotoAdjust, PhotoInfo, PhotoPoint, PhotoRect, PhotoSuggestion, SlotState } from './photo'
export { submitApi } from './submit'
export type {
  Approval, ApprovalCheck, ApprovalResult, BatchExport, CalendarEntry, CalendarResult, ConsoleField, Countdown, Deadline, DueItem, FooterResult, GateResult, PackageSummary,
  PSBRecord, PSBStep, ReadinessItem, ReadinessReport, Rejection, RejectionMark, RejectionReason, Reopened, StatusEvent, Timeline, TimelineEvent,
} from './submit'
