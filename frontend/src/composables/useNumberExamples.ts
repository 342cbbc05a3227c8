import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import { useFilingStore } from '../stores/filing'
import { icpExample, psbExample } from '../lib/tracking'

/**
 * Example filing numbers for placeholders and hints, in the application's
 * province (粤ICP备… for Guangdong): the chosen province, else the one the
 * certificate number suggests; without either, a template that names no
 * province (examples.*), never a fixed Beijing sample.
 */
export function useNumberExamples() {
  const { t } = useI18n()
  const filing = useFilingStore()
  const province = computed(() => {
    const key = filing.doc?.entity.province || filing.view?.suggest?.province
    return key ? filing.options?.provinces.find((p) => p.key === key) : undefined
  })
  const icp = computed(() => icpExample(province.value) ?? t('examples.icpNumber'))
  const website = computed(() => {
    const e = icpExample(province.value)
    return e ? `${e}-1` : t('examples.websiteIcpNumber')
  })
  const psb = computed(() => psbExample(province.value) ?? t('examples.psbNumber'))
  return { icp, website, psb }
}
