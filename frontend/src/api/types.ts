// Shapes of what crosses the bridge, derived from the models Wails generates
// from the Go structs (see wire.ts): a Go field rename fails vue-tsc. Only the
// unions the Go constants define are narrowed here, checked by Refine.
import type { app, backend, pgstore, rules } from '../../wailsjs/go/models'
import type { Refine, Wire } from './wire'

export type Severity = 'block' | 'warn' | 'info'

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

/** Where the rule behind a finding comes from (backend.FindingSource). */
export type FindingSource = Wire<backend.FindingSource>
export type Finding = Refine<Wire<backend.Finding>, { severity: Severity }>

export type Answers = Wire<backend.Answers>
export type Person = Wire<backend.Person>
export type Entity = Wire<backend.Entity>
export type Website = Wire<backend.Website>
/** Where the clerk files: Tencent's web console ('') or the filing mini program. */
export type FilingFlow = '' | 'miniprogram'

export type Application = Refine<Wire<backend.Application>, { type: ApplicationType; flow?: FilingFlow }>

export type ApplicationRecord = Refine<Wire<backend.ApplicationRecord>, { status: Status; doc: Application }>

export type TypeResult = Refine<Wire<rules.TypeResult>, { type: ApplicationType }>

/** What the certificate number (and address) suggest for fields not yet filled; the clerk confirms. */
export type Suggestion = Wire<rules.Suggestion>
/** The status rules of one status, worked out in Go (backend.Flags). */
export type StatusFlags = Refine<Wire<backend.StatusFlags>, { next: Status[] }>

export type ApplicationView = Refine<
  Wire<app.ApplicationView>,
  { record: ApplicationRecord; findings: Finding[]; type: TypeResult; hints: Finding[]; flags: StatusFlags }
>

export type DraftPatch = Wire<backend.DraftPatch>

type Row = Refine<Wire<app.ApplicationRow>, { type: ApplicationType; status: Status }>
export type ApplicationRow = Row
/** The summary columns of a list row (backend.ApplicationSummary). */
export type ApplicationSummary = Omit<Row, 'blocking' | 'warnings' | 'photos' | 'checklists'>

export type ApplicationFilter = Refine<
  Wire<backend.ApplicationFilter>,
  { statuses?: Status[]; types?: ApplicationType[]; sort?: 'updated' | 'created' | 'entity_name' }
>

export type ApplicationPage = Refine<Wire<app.ApplicationRows>, { items: ApplicationRow[] }>

export type Client = Wire<backend.Client>

export type ClientSummary = Refine<Wire<backend.ClientSummary>, { counts: { [S in Status]?: number } }>

/** kind: a workspace file, or a team workspace on PostgreSQL. */
export type WorkspaceInfo = Refine<Wire<app.WorkspaceInfo>, { kind: 'local' | 'team'; teamReopen?: TeamReopen }>

/** A team workspace start-up could not reopen: its login (no password) and why. */
export type TeamReopen = Refine<Wire<app.TeamReopen>, { login: TeamLogin }>

/** A field two clerks changed: mine (not saved) and theirs (stored), who and when. */
export type DraftConflict = Wire<backend.DraftConflict>

/** One client of a team workspace's full export. */
export type CopyItem = Wire<backend.CopyItem>

/** How a clerk signs in to a team workspace (PostgreSQL). */
export type TeamLogin = Refine<Wire<pgstore.Login>, { tls: 'disable' | 'prefer' | 'require' | 'verify-ca' | 'verify-full' }>

export type Choice = Wire<app.Choice>
export type FormOptions = Wire<app.FormOptions>

export type BackupInfo = Wire<backend.BackupInfo>

export type Revision = Refine<
  Wire<backend.Revision>,
  { reason: 'submit' | 'rejection' | 'manual'; status: Status; doc?: Application }
>

export type FieldChange = Wire<backend.FieldChange>

export type ImportResult = Wire<backend.ImportResult>
