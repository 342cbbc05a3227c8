// Shapes of what crosses the bridge, mirroring the json tags in backend/ and
// app/. Hand-written (not the generated classes) so views get precise unions.
export type Severity = 'block' | 'warn' | 'info'

export interface Finding {
  rule: string
  field: string
  severity: Severity
  params?: Record<string, unknown>
  source?: FindingSource
  /** When the clerk confirmed this hand-check (backend/confirmation.go); absent: pending. */
  confirmedAt?: string
}

/** Where the rule behind a finding comes from (backend.FindingSource). */
export interface FindingSource {
  doc: string
  title: string
  section: string
  confirmed: boolean
}

export type Status =
  | 'draft'
  | 'ready'
  | 'submitted'
  | 'prelim_review'
  | 'photo_pending'
  | 'photo_review'
  | 'wait_bureau_submit'
  | 'sms_pending'
  | 'bureau_review'
  | 'approved'
  | 'returned'
  | 'abandoned'
  | 'expired'
  | 'rejected_final'

export type ApplicationType =
  | ''
  | 'first'
  | 'add_website_tencent'
  | 'add_website_other'
  | 'transfer'
  | 'transfer_tencent'
  | 'change'
  | 'change_website'

export interface Answers {
  goal?: string
  entityFiled?: boolean
  domainFiled?: boolean
  entityAtTencent?: boolean
  domainStatus?: string
  domainAtTencent?: boolean
  dataChanged?: boolean
  changeScope?: string
  lastWebsite?: boolean
  domainUnderEntity?: boolean
  domainOtherEntity?: boolean
  existingIcpNumber?: string
}

export interface Person {
  name: string
  idType: string
  idNumber: string
  idValidity: { start?: string; end?: string; longTerm?: boolean }
  mobile: string
  officePhone?: string
  emergencyPhone?: string
  email: string
}

export interface Entity {
  province: string
  city: string
  district: string
  nature: string
  certType: string
  certNumber: string
  name: string
  certAddress: string
  address: string
  investor?: string
  legalRep?: string
  person: Person
  remark?: string
}

export interface Website {
  id: string
  name: string
  domains: string[]
  homeUrls?: string[]
  cloudService?: string
  ip?: string
  serviceContent: string[]
  languages: string[]
  preApprovals?: { kind: string; number: string }[]
  noPreApproval?: boolean
  sameAsEntity: boolean
  person: Person
  remark?: string
  /** The filed website's own number (网站备案号) a transfer picks in the console. */
  icpNumber?: string
}

/** Where the clerk files: Tencent's web console ('') or the filing mini program. */
export type FilingFlow = '' | 'miniprogram'

export interface Application {
  version: number
  type: ApplicationType
  flow?: FilingFlow
  answers: Answers
  entity: Entity
  websites: Website[]
  /** The clerk's ticks on hand-checks, by confirmation key; bookkeeping, not filed data. */
  confirmations?: Record<string, { at: string }>
}

export interface ApplicationRecord {
  id: number
  clientId: number
  status: Status
  step?: string
  doc: Application
  /** counts the document's saves; edits are saved "from" the rev they started on */
  rev?: number
  /** clerk of the last change ("" unknown) */
  updatedBy?: string
  createdAt: string
  updatedAt: string
  deletedAt?: string
}

export interface TypeResult {
  goal?: string
  type: ApplicationType
  reason: string
  guide?: string
  source?: string
  missing?: string[]
  /** The questions that follow from the answers so far, in asking order. */
  asked?: string[]
  blocked?: { rule: string; answer: string; instead: string }[]
}

/** What the certificate number (and address) suggest for fields not yet filled; the clerk confirms. */
export interface Suggestion {
  kind?: string
  nature?: string
  certType?: string
  province?: string
  /** "address": the certificate address (decides); "number": the region digits (a hint only). */
  provinceFrom?: string
}

export interface ApplicationView {
  record: ApplicationRecord
  findings: Finding[]
  type: TypeResult
  hints: Finding[]
  suggest?: Suggestion
  /** websites of an imported file that repeated an earlier website's id and got a fresh one */
  repaired?: { index: number; from: string; to: string }[]
  /** the clerk's changes not saved because another clerk changed the same field */
  conflicts?: DraftConflict[]
}

/** A field two clerks changed: mine (not saved) and theirs (stored), who and when. */
export interface DraftConflict {
  path: string
  mine: unknown
  theirs: unknown
  clerk: string
  at: string
}

export interface DraftPatch {
  path: string
  value?: unknown
  delete?: boolean
}

export interface ApplicationSummary {
  id: number
  clientId: number
  clientName: string
  type: ApplicationType
  status: Status
  province: string
  entityName: string
  primaryDomain: string
  icpNumber: string
  step?: string
  updatedBy?: string
  /** other clerks who have it open now (team workspace) */
  editingBy?: string[]
  createdAt: string
  updatedAt: string
  deletedAt?: string
}

export interface ApplicationRow extends ApplicationSummary {
  blocking: number
  warnings: number
  /** Before submission: required photos missing or not exported. */
  photos: number
  /** Before submission: checklists missing, draft, or older than the last edit. */
  checklists: number
  /** Hand-checks still to confirm. */
  handChecks: number
  /** Every website's domains. */
  domains: string[]
}

export interface ApplicationFilter {
  clientId?: number
  statuses?: Status[]
  province?: string
  types?: ApplicationType[]
  text?: string
  sort?: 'updated' | 'created' | 'entity_name'
  reverse?: boolean
  trashed?: boolean
  limit?: number
  offset?: number
}

export interface ApplicationPage {
  items: ApplicationRow[]
  total: number
}

export interface Client {
  id: number
  name: string
  contact: string
  phone: string
  notes: string
  createdAt?: string
  updatedAt?: string
}

export interface ClientSummary extends Client {
  counts: Partial<Record<Status, number>>
  total: number
}

export interface WorkspaceInfo {
  path: string
  /** a workspace file, or a team workspace on PostgreSQL */
  kind: 'local' | 'team'
  /** who works in it: the OS user, or the clerk's PostgreSQL role */
  clerk: string
  open: boolean
  readOnly: boolean
  error?: { code: string; field?: string; params?: Record<string, unknown> }
  backups: number
  /** why no backup was made when the workspace was opened (a full disk…) */
  backupSkipped?: { code: string; field?: string; params?: Record<string, unknown> }
  /** the last team workspace could not be reopened at start-up: the local workspace is open instead */
  teamReopen?: TeamReopen
}

/** A team workspace start-up could not reopen: its login (no password) and why. */
export interface TeamReopen {
  login: TeamLogin
  error: { code: string; field?: string; params?: Record<string, unknown> }
}

export interface Choice {
  key: string
  zh: string
  en: string
  needsRemark?: boolean
}

export interface FormOptions {
  natures: (Choice & { individual: boolean; certTypes: string[] })[]
  certTypes: Choice[]
  idTypes: { key: string; entityPerson: boolean; websitePerson: boolean }[]
  provinces: (Choice & { abbr: string; icpAbbr?: string; psbAbbr?: string[]; regionCode?: string })[]
  serviceContent: Choice[]
  languages: Choice[]
  cloudServices: Choice[]
  preApprovals: Choice[]
  maxWebsitesOrg: number
  maxWebsitesInd: number
}

export interface BackupInfo {
  /** an unfinished backup (a crash's leftover): counted in the size, not restorable */
  partial?: boolean
  name: string
  path: string
  size: number
  createdAt: string
}

export interface Revision {
  id: number
  applicationId: number
  number: number
  reason: 'submit' | 'rejection' | 'manual'
  note: string
  status: Status
  clerk?: string
  createdAt: string
}

/** What a clerk types to open a team workspace; the password is never stored. */
export interface TeamLogin {
  host: string
  port: number
  database: string
  user: string
  password?: string
  tls: 'disable' | 'prefer' | 'require' | 'verify-ca' | 'verify-full'
}

export interface FieldChange {
  path: string
  before: unknown
  after: unknown
}
