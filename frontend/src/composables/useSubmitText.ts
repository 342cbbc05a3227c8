import { useI18n } from 'vue-i18n'
import { DEFAULT_LANGUAGE, findingMessage, isLanguage } from '../i18n'

/** Messages of the codes backend/submit emits (readiness items, deadlines,
 * PSB steps, rejection reasons), from the flat submit.*.json tables. */
export function useSubmitText() {
  const { locale } = useI18n()
  return (code: string, params?: Record<string, unknown>) =>
    findingMessage(isLanguage(locale.value) ? locale.value : DEFAULT_LANGUAGE, code, params ?? {})
}
