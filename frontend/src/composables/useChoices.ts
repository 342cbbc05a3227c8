import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import type { Choice } from '../api'

/** Maps rule-table choices to select options in the current UI language. */
export function useChoices() {
  const { locale } = useI18n()
  const label = (c: Choice) => (locale.value === 'en' ? c.en : c.zh)
  const toOptions = (cs: Choice[] | undefined) => computed(() => (cs ?? []).map((c) => ({ label: label(c), value: c.key })))
  return { label, toOptions, options: (cs: Choice[] | undefined) => (cs ?? []).map((c) => ({ label: label(c), value: c.key })) }
}
