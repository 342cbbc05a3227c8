import { defineStore } from 'pinia'
import { ref } from 'vue'
import { system, type AppInfo, type PreferencesProblem } from '../api'
import { i18n, isLanguage, DEFAULT_LANGUAGE, type Language } from '../i18n'

// The UI language and app information; the language is stored by Go in the
// user's preferences file so it is remembered across runs.
export const useSettingsStore = defineStore('settings', () => {
  const language = ref<Language>(DEFAULT_LANGUAGE)
  const info = ref<AppInfo | null>(null)
  const error = ref<string>('')
  // What was wrong with the preferences file at start-up (told once).
  const problem = ref<PreferencesProblem | null>(null)

  function apply(lang: Language) {
    language.value = lang
    i18n.global.locale.value = lang
    document.documentElement.lang = lang
  }

  async function load() {
    try {
      const [prefs, appInfo] = await Promise.all([system.preferences(), system.info()])
      info.value = appInfo
      apply(isLanguage(prefs.language) ? prefs.language : DEFAULT_LANGUAGE)
    } catch (err) {
      // Without preferences the app still works in the default language.
      error.value = (err as Error).message
      apply(DEFAULT_LANGUAGE)
    }
    try {
      problem.value = await system.preferencesProblem()
    } catch (err) {
      error.value = (err as Error).message
    }
  }

  async function setLanguage(lang: Language) {
    const previous = language.value
    apply(lang)
    try {
      await system.setLanguage(lang)
    } catch (err) {
      apply(previous)
      throw err
    }
  }

  return { language, info, error, problem, load, setLanguage }
})
