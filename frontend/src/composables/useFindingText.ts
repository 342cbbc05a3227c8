import { useI18n } from 'vue-i18n'
import { findingMessage, isLanguage, DEFAULT_LANGUAGE } from '../i18n'
import type { Finding } from '../api'

/** Turns a finding into its message in the current UI language. */
export function useFindingText() {
  const { locale } = useI18n()
  return (f: Finding) => findingMessage(isLanguage(locale.value) ? locale.value : DEFAULT_LANGUAGE, f.rule, f.params)
}
