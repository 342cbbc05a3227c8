import * as FilingService from '../../wailsjs/go/app/FilingService'
import * as WorkspaceService from '../../wailsjs/go/app/WorkspaceService'
import type { backend, pgstore } from '../../wailsjs/go/models'
import { call } from './errors'
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
} from './types'

// The generated classes type json.RawMessage as number[]; on the wire a patch
// value is plain JSON, so the cast only corrects the declaration.
const asPatches = (p: DraftPatch[]) => p as unknown as backend.DraftPatch[]

export const filing = {
  /** A new draft; clientId 0 creates a client named clientName ("" = after the entity). */
  newApplication: (clientId: number, clientName: string, entityName = ''): Promise<ApplicationView> =>
    call(async () => (await FilingService.NewApplicationFor(clientId, clientName, entityName)) as unknown as ApplicationView),
  newWebsiteFrom: (fromId: number): Promise<ApplicationView> =>
    call(async () => (await FilingService.NewWebsiteFrom(fromId)) as unknown as ApplicationView),
  duplicate: (id: number): Promise<ApplicationView> =>
    call(async () => (await FilingService.Duplicate(id)) as unknown as ApplicationView),
  get: (id: number): Promise<ApplicationView> =>
    call(async () => (await FilingService.Get(id)) as unknown as ApplicationView),
  saveDraft: (id: number, patches: DraftPatch[]): Promise<ApplicationView> =>
    call(async () => (await FilingService.SaveDraft(id, asPatches(patches))) as unknown as ApplicationView),
  /** Saves changes made on revision rev; others' later changes of the same fields come back as conflicts. */
  saveDraftFrom: (id: number, rev: number, patches: DraftPatch[]): Promise<ApplicationView> =>
    call(async () => (await FilingService.SaveDraftFrom(id, rev, asPatches(patches))) as unknown as ApplicationView),
  /** Ticks (confirmed) or unticks the hand-check a finding asks for; any status. */
  confirm: (id: number, f: Finding, confirmed: boolean): Promise<ApplicationView> =>
    call(async () => (await FilingService.Confirm(id, f as unknown as backend.Finding, confirmed)) as unknown as ApplicationView),
  setStep: (id: number, step: string): Promise<void> => call(() => FilingService.SetStep(id, step)),
  /** Tells the other clerks of a team workspace that this app shows application id (0: none). */
  editing: (id: number): Promise<void> => call(() => FilingService.Editing(id)),
  lastApplication: (): Promise<number> => call(() => FilingService.LastApplication()),
  options: (): Promise<FormOptions> => call(async () => (await FilingService.Options()) as unknown as FormOptions),
  exportJSON: (id: number): Promise<string> => call(() => FilingService.ExportJSON(id)),
  importJSON: (clientId: number): Promise<ApplicationView | null> =>
    call(async () => (await FilingService.ImportJSON(clientId)) as unknown as ApplicationView | null),
  saveRevision: (id: number, note: string): Promise<Revision> =>
    call(async () => (await FilingService.SaveRevision(id, note)) as unknown as Revision),
  revisions: (id: number): Promise<Revision[]> =>
    call(async () => ((await FilingService.Revisions(id)) ?? []) as unknown as Revision[]),
  compareRevisions: (fromId: number, toId: number): Promise<FieldChange[]> =>
    call(async () => ((await FilingService.CompareRevisions(fromId, toId)) ?? []) as unknown as FieldChange[]),
}

export const workspace = {
  info: (): Promise<WorkspaceInfo> => call(async () => (await WorkspaceService.Info()) as unknown as WorkspaceInfo),
  listApplications: (f: ApplicationFilter): Promise<ApplicationPage> =>
    call(async () => (await WorkspaceService.ListApplications(f as backend.ApplicationFilter)) as unknown as ApplicationPage),
  listClients: (): Promise<ClientSummary[]> =>
    call(async () => (await WorkspaceService.ListClients()) as unknown as ClientSummary[]),
  saveClient: (c: Partial<Client>): Promise<Client> =>
    call(async () => (await WorkspaceService.SaveClient(c as backend.Client)) as unknown as Client),
  trash: (id: number): Promise<void> => call(() => WorkspaceService.TrashApplication(id)),
  restore: (id: number): Promise<void> => call(() => WorkspaceService.RestoreApplication(id)),
  emptyTrash: (): Promise<number> => call(() => WorkspaceService.EmptyTrash()),
  openWorkspace: (): Promise<WorkspaceInfo> =>
    call(async () => (await WorkspaceService.OpenWorkspace()) as unknown as WorkspaceInfo),
  openTeam: (login: TeamLogin): Promise<WorkspaceInfo> =>
    call(async () => (await WorkspaceService.OpenTeamWorkspace(login as pgstore.Login)) as unknown as WorkspaceInfo),
  /** Copies every client into a new workspace file the clerk picks (a team workspace's full export). */
  exportWorkspace: (): Promise<{ name: string; applications: number; skipped: boolean }[]> =>
    call(async () => ((await WorkspaceService.ExportWorkspace()) ?? []) as unknown as { name: string; applications: number; skipped: boolean }[]),
  newWorkspace: (): Promise<WorkspaceInfo> =>
    call(async () => (await WorkspaceService.NewWorkspace()) as unknown as WorkspaceInfo),
  backup: (): Promise<BackupInfo> => call(async () => (await WorkspaceService.Backup()) as unknown as BackupInfo),
  listBackups: (): Promise<BackupInfo[]> =>
    call(async () => ((await WorkspaceService.ListBackups()) ?? []) as unknown as BackupInfo[]),
  restoreBackup: (name: string): Promise<void> => call(() => WorkspaceService.RestoreBackup(name)),
  exportClient: (clientId: number): Promise<string> => call(() => WorkspaceService.ExportClient(clientId)),
  importClient: (): Promise<{ client: Client; applications: number; websiteIdsRepaired?: number } | null> =>
    call(
      async () =>
        (await WorkspaceService.ImportClient()) as unknown as { client: Client; applications: number; websiteIdsRepaired?: number } | null,
    ),
}
