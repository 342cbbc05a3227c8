import { defineStore } from 'pinia'
import { ref } from 'vue'
import { workspace as api, toApiError, type ApiError } from '../api'
import type { ApplicationFilter, ApplicationSummary, WorkspaceInfo } from '../api'

// The workspace's lists: applications (filtered, paged) and its state.
export const useWorkspaceStore = defineStore('workspace', () => {
  const info = ref<WorkspaceInfo | null>(null)
  const items = ref<ApplicationSummary[]>([])
  const total = ref(0)
  const filter = ref<ApplicationFilter>({ sort: 'updated', limit: 50, offset: 0 })
  const loading = ref(false)
  const error = ref<ApiError | null>(null)
  // A team workspace's server answering (true), away (false), or unknown.
  const online = ref<boolean | null>(null)

  async function loadInfo() {
    info.value = await api.info()
  }

  async function refresh() {
    loading.value = true
    try {
      const page = await api.listApplications(filter.value)
      items.value = page.items ?? []
      total.value = page.total
      error.value = null
      // Opened on a full disk: saving works again once space is freed (the
      // first save reopens it), so the banner must not outlive that.
      if (info.value?.error?.code === 'disk_full') await loadInfo().catch(() => {})
    } catch (err) {
      error.value = toApiError(err)
    } finally {
      loading.value = false
    }
  }

  async function trash(id: number) {
    await api.trash(id)
    await refresh()
  }

  async function restore(id: number) {
    await api.restore(id)
    await refresh()
  }

  return { info, items, total, filter, loading, error, online, loadInfo, refresh, trash, restore }
})
