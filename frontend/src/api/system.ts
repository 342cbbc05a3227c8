// The only module (with its siblings in src/api) that imports the generated
// Wails bindings; views and stores go through these typed wrappers.
import * as SystemService from '../../wailsjs/go/app/SystemService'
import { EventsOn } from '../../wailsjs/runtime/runtime'
import type { app, prefs } from '../../wailsjs/go/models'
import { call } from './errors'
import { get, getOrNull, type Refine, type Wire } from './wire'

export type Language = 'zh-CN' | 'en'

export type AppInfo = Wire<app.AppInfo>

export type Preferences = Refine<Wire<prefs.Prefs>, { language: Language }>

/** What was wrong with the preferences file at start-up (prefs.Problem). */
export type PreferencesProblem = Refine<Wire<prefs.Problem>, { kind: 'corrupt' | 'unreadable' | 'language' }>

export const system = {
  info: (): Promise<AppInfo> => call(() => SystemService.Info()),
  preferences: (): Promise<Preferences> => get(SystemService.Preferences()),
  /** What was wrong with the preferences file at start-up, or null; until acknowledged. */
  preferencesProblem: (): Promise<PreferencesProblem | null> => getOrNull(SystemService.PreferencesProblem()),
  /** The clerk closed the notice of this kind of problem: not shown again in this run. */
  acknowledgePreferencesProblem: (kind: PreferencesProblem['kind']): Promise<void> =>
    call(() => SystemService.AcknowledgePreferencesProblem(kind)),
  setLanguage: (lang: Language): Promise<Preferences> =>
    get(SystemService.SetLanguage(lang)),
  quit: (): Promise<void> => call(() => SystemService.Quit()),
  /** Runs fn with the id of an application another clerk changed (0: anything may have). */
  onWorkspaceChanged: (fn: (applicationId: number) => void): (() => void) => {
    try {
      return EventsOn('workspace:changed', fn)
    } catch {
      return () => {}
    }
  },
  /** Runs fn when the team workspace's server stops or starts answering. */
  onWorkspaceOnline: (fn: (online: boolean) => void): (() => void) => {
    try {
      return EventsOn('workspace:online', fn)
    } catch {
      return () => {}
    }
  },
  /** An operating-system notification (toast, Notification Center, D-Bus). */
  notify: (title: string, body: string): Promise<void> => call(() => SystemService.Notify(title, body)),
  /** Runs fn when the window is about to close; Go waits for quit(). */
  onBeforeClose: (fn: () => void): (() => void) => {
    try {
      return EventsOn('app:before-close', fn)
    } catch {
      return () => {} // no Wails runtime (unit tests)
    }
  },
}
