export { ApiError, toApiError } from './errors'
export { system } from './system'
export type { AppInfo, Language, Preferences } from './system'
