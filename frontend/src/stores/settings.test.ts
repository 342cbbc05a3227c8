import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'

const api = vi.hoisted(() => ({
  preferences: vi.fn(),
  info: vi.fn(),
  setLanguage: vi.fn(),
  preferencesProblem: vi.fn(),
}))
vi.mock('../api', async (orig) => ({ ...(await orig<typeof import('../api')>()), system: api }))

import { useSettingsStore } from './settings'
import { i18n } from '../i18n'

describe('settings store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.resetAllMocks()
    api.info.mockResolvedValue({ name: 'ICP Desk', version: 't', workspace: '/tmp/w.icpdesk' })
    api.preferencesProblem.mockResolvedValue(null)
  })

  it('keeps what was wrong with the preferences file for the notice', async () => {
    api.preferences.mockResolvedValue({ language: 'zh-CN' })
    api.preferencesProblem.mockResolvedValue({ kind: 'corrupt', path: '/c/prefs.json', keptAs: '/c/prefs.json.broken' })
    const s = useSettingsStore()
    await s.load()
    expect(s.problem).toMatchObject({ kind: 'corrupt', keptAs: '/c/prefs.json.broken' })
    expect(s.language).toBe('zh-CN')
  })

  it('applies the remembered language', async () => {
    api.preferences.mockResolvedValue({ language: 'en' })
    const s = useSettingsStore()
    await s.load()
    expect(s.language).toBe('en')
    expect(i18n.global.locale.value).toBe('en')
    expect(document.documentElement.lang).toBe('en')
  })

  it('falls back to zh-CN when preferences cannot be read', async () => {
    api.preferences.mockRejectedValue({ code: 'internal' })
    const s = useSettingsStore()
    await s.load()
    expect(s.language).toBe('zh-CN')
  })

  it('reverts the language when saving it fails', async () => {
    api.preferences.mockResolvedValue({ language: 'zh-CN' })
    api.setLanguage.mockRejectedValue({ code: 'read_only' })
    const s = useSettingsStore()
    await s.load()
    await expect(s.setLanguage('en')).rejects.toBeTruthy()
    expect(s.language).toBe('zh-CN')
    expect(i18n.global.locale.value).toBe('zh-CN')
  })

  it('persists a language change through the API', async () => {
    api.preferences.mockResolvedValue({ language: 'zh-CN' })
    api.setLanguage.mockResolvedValue({ language: 'en' })
    const s = useSettingsStore()
    await s.load()
    await s.setLanguage('en')
    expect(api.setLanguage).toHaveBeenCalledWith('en')
    expect(s.language).toBe('en')
  })
})
