import { defineStore } from 'pinia'
import { ref } from 'vue'
import { submitApi, type DueItem } from '../api'
import { fallenDue } from '../lib/deadline'

export const REMIND_EVERY_MS = 30 * 60 * 1000

// Deadlines across the workspace: the due-soon screen's list, the menu count and
// the reminders shown at start and every half hour.
export const useDueStore = defineStore('due', () => {
  /** Overdue or due within three days (Reminders). */
  const reminders = ref<DueItem[]>([])
  /** Bumped each time reminders should be shown as a notification. */
  const remindAt = ref(0)
  /** Deadlines that fell due while ICP Desk ran (since the last refresh): an OS notification. */
  const fallen = ref<DueItem[]>([])
  let seen: Set<string> | null = null
  let timer: ReturnType<typeof setInterval> | undefined

  async function refresh(): Promise<DueItem[]> {
    try {
      reminders.value = await submitApi.reminders()
    } catch {
      reminders.value = [] // no workspace: nothing to remind of
    }
    return reminders.value
  }

  async function remind() {
    await refresh()
    const next = fallenDue(seen, reminders.value)
    seen = next.seen
    if (next.fallen.length) fallen.value = next.fallen
    if (reminders.value.length) remindAt.value = Date.now()
  }

  /** Reminds now and every 30 minutes (once per app). */
  async function startReminders() {
    if (timer === undefined) timer = setInterval(() => void remind(), REMIND_EVERY_MS)
    await remind()
  }

  function stopReminders() {
    if (timer !== undefined) clearInterval(timer)
    timer = undefined
  }

  return { reminders, remindAt, fallen, refresh, remind, startReminders, stopReminders }
})
