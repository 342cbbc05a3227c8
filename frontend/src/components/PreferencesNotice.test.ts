import { beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { NDialogProvider } from 'naive-ui'
import PreferencesNotice from './PreferencesNotice.vue'
import { i18n } from '../i18n'
import { useSettingsStore } from '../stores/settings'
import { system } from '../api'

function show() {
  return mount(defineComponent({ render: () => h(NDialogProvider, null, { default: () => h(PreferencesNotice) }) }), {
    global: { plugins: [i18n] }, attachTo: document.body,
  })
}

describe('PreferencesNotice', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    i18n.global.locale.value = 'zh-CN'
    document.body.innerHTML = ''
  })

  it('tells once, in both languages, that a damaged file was kept aside', async () => {
    const settings = useSettingsStore()
    settings.problem = { kind: 'corrupt', path: '/c/ICPDesk/prefs.json', keptAs: '/c/ICPDesk/prefs.json.broken', detail: 'invalid character' }
    const w = show()
    await vi.waitFor(() => expect(document.querySelector('[data-testid="prefs-problem"]')).not.toBeNull())
    const text = document.querySelector('[data-testid="prefs-problem"]')!.textContent!
    expect(text).toContain('偏好设置文件（/c/ICPDesk/prefs.json）已损坏')
    expect(text).toContain('原文件已原样另存为 /c/ICPDesk/prefs.json.broken')
    expect(text).toContain('The damaged file was kept unchanged as /c/ICPDesk/prefs.json.broken')
    expect(settings.problem).toBeNull()
    w.unmount()
  })

  it('says when the damaged file stayed and nothing is saved over it', async () => {
    i18n.global.locale.value = 'en'
    useSettingsStore().problem = { kind: 'unreadable', path: '/c/prefs.json', keptAs: '', detail: 'permission denied' }
    const w = show()
    await vi.waitFor(() => expect(document.querySelector('[data-testid="prefs-problem"]')).not.toBeNull())
    const text = document.querySelector('[data-testid="prefs-problem"]')!.textContent!
    // English first, then Chinese.
    expect(text.indexOf('could not be moved aside')).toBeLessThan(text.indexOf('原文件无法移到一旁'))
    expect(text).toContain('permission denied')
    w.unmount()
  })

  it('is acknowledged to Go only when the clerk closes it', async () => {
    const ack = vi.spyOn(system, 'acknowledgePreferencesProblem').mockResolvedValue()
    useSettingsStore().problem = { kind: 'corrupt', path: '/c/prefs.json', keptAs: '/c/prefs.json.broken', detail: '' }
    const w = show()
    await vi.waitFor(() => expect(document.querySelector('[data-testid="prefs-problem"]')).not.toBeNull())
    expect(ack).not.toHaveBeenCalled()
    const ok = [...document.querySelectorAll('button')].find((b) => b.textContent?.includes('知道了'))!
    ok.click()
    await vi.waitFor(() => expect(ack).toHaveBeenCalledWith('corrupt'))
    w.unmount()
    ack.mockRestore()
  })
})
