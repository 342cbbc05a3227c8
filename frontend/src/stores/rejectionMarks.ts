import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import { submitApi, type RejectionMark } from '../api'
import { useFilingStore } from './filing'

// The fields the last rejection concerns, with its reasons, while a reopened
// order is being fixed: the wizard marks each such field and says why, until
// the order is submitted again. Follows the application open in the wizard.
export const useRejectionMarksStore = defineStore('rejectionMarks', () => {
  const filing = useFilingStore()
  const marks = ref<RejectionMark[]>([])
  const failed = ref(false)
  let seq = 0

  async function load() {
    const id = filing.id
    const status = filing.view?.record.status
    const mine = ++seq
    if (!id || (status !== 'draft' && status !== 'ready')) {
      marks.value = []
      return
    }
    try {
      const list = await submitApi.rejectionMarks(id)
      if (mine === seq) {
        marks.value = list
        failed.value = false
      }
    } catch {
      // Without marks the form still works; the tracking step keeps the reasons.
      if (mine === seq) {
        marks.value = []
        failed.value = true
      }
    }
  }
  watch(() => [filing.id, filing.view?.record.status], load, { immediate: true })

  /** The reason ids marking a field (exact path), [] when none. */
  function reasonsAt(path: string): string[] {
    return marks.value.find((m) => m.field === path)?.reasons ?? []
  }

  return { marks, failed, load, reasonsAt }
})
