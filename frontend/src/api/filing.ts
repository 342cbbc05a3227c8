import * as FilingService from '../../wailsjs/go/app/FilingService'
import * as WorkspaceService from '../../wailsjs/go/app/WorkspaceService'
import { backend, pgstore } from '../../wailsjs/go/models'
import { call } from './errors'
import { get, getOrNull } from './wire'
import type {
  ApplicationFilter,
  ApplicationPage,
  ApplicationView,
  Client,
  ClientSummary,
  DraftPatch,
  FormOptions,
  WorkspaceInfo,
  BackupInfo,
  Revision,
  FieldChange,
  TeamLogin,
  Finding,
  ImportResult,
  CopyItem,
} from './types'

export const filing = {
  /** A new draft; clientId 0 creates a client named clientName ("" = after the entity). */
  newApplication: (clientId: number, clientName: string, entityName = ''): Promise<ApplicationView> =>
    get(FilingService.NewApplicationFor(clientId, clientName, entityName)),
  newWebsiteFrom: (fromId: number): Promise<ApplicationView> =>
    get(FilingService.NewWebsiteFrom(fromId)),
  duplicate: (id: number): Promise<ApplicationView> =>
    get(FilingService.Duplicate(id)),
  get: (id: number): Promise<ApplicationView> =>
    get(FilingService.Get(id)),
  saveDraft: (id: number, patches: DraftPatch[]): Promise<ApplicationView> =>
    get(FilingService.SaveDraft(id, patches.map((p) => backend.DraftPatch.createFrom(p)))),
  /** Saves changes made on revision rev; others' later changes of the same fields come back as conflicts. */
  saveDraftFrom: (id: number, rev: number, patches: DraftPatch[]): Promise<ApplicationView> =>
    get(FilingService.SaveDraftFrom(id, rev, patches.map((p) => backend.DraftPatch.createFrom(p)))),
  /** Ticks (confirmed) or unticks the hand-check a finding asks for; any status. */
  confirm: (id: number, f: Finding, confirmed: boolean): Promise<ApplicationView> =>
    get(FilingService.Confirm(id, backend.Finding.createFrom(f), confirmed)),
  setStep: (id: number, step: string): Promise<void> => call(() => FilingService.SetStep(id, step)),
  /** Tells the other clerks of a team workspace that this app shows application id (0: none). */
  editing: (id: number): Promise<void> => call(() => FilingService.Editing(id)),
  lastApplication: (): Promise<number> => call(() => FilingService.LastApplication()),
  options: (): Promise<FormOptions> => get(FilingService.Options()),
  exportJSON: (id: number): Promise<string> => call(() => FilingService.ExportJSON(id)),
  importJSON: (clientId: number): Promise<ApplicationView | null> =>
    getOrNull(FilingService.ImportJSON(clientId)),
  saveRevision: (id: number, note: string): Promise<Revision> =>
    get(FilingService.SaveRevision(id, note)),
  revisions: (id: number): Promise<Revision[]> =>
    get(FilingService.Revisions(id).then((r) => r ?? [])),
  compareRevisions: (fromId: number, toId: number): Promise<FieldChange[]> =>
    get(FilingService.CompareRevisions(fromId, toId).then((r) => r ?? [])),
}

export const workspace = {
  info: (): Promise<WorkspaceInfo> => get(WorkspaceService.Info()),
  listApplications: (f: ApplicationFilter): Promise<ApplicationPage> =>
    get(WorkspaceService.ListApplications(backend.ApplicationFilter.createFrom(f))),
  listClients: (): Promise<ClientSummary[]> =>
    get(WorkspaceService.ListClients()),
  saveClient: (c: Partial<Client>): Promise<Client> =>
    get(WorkspaceService.SaveClient(backend.Client.createFrom(c))),
  trash: (id: number): Promise<void> => call(() => WorkspaceService.TrashApplication(id)),
  restore: (id: number): Promise<void> => call(() => WorkspaceService.RestoreApplication(id)),
  emptyTrash: (): Promise<number> => call(() => WorkspaceService.EmptyTrash()),
  openWorkspace: (): Promise<WorkspaceInfo> =>
    get(WorkspaceService.OpenWorkspace()),
  openTeam: (login: TeamLogin): Promise<WorkspaceInfo> => get(WorkspaceService.OpenTeamWorkspace(pgstore.Login.createFrom(login))),
  /** Copies every client into a new workspace file the clerk picks (a team workspace's full export). */
  exportWorkspace: (): Promise<CopyItem[]> => get(WorkspaceService.ExportWorkspace().then((r) => r ?? [])),
  newWorkspace: (): Promise<WorkspaceInfo> =>
    get(WorkspaceService.NewWorkspace()),
  backup: (): Promise<BackupInfo> => get(WorkspaceService.Backup()),
  listBackups: (): Promise<BackupInfo[]> =>
    get(WorkspaceService.ListBackups().then((r) => r ?? [])),
  restoreBackup: (name: string): Promise<void> => call(() => WorkspaceService.RestoreBackup(name)),
  exportClient: (clientId: number): Promise<string> => call(() => WorkspaceService.ExportClient(clientId)),
  importClient: (): Promise<ImportResult | null> =>
    getOrNull(WorkspaceService.ImportClient()),
}
