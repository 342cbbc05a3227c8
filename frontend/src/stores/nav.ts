import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { Step } from '../lib/steps'

export type Route = { name: 'home' } | { name: 'application'; id: number; step?: Step }

// Which screen is shown. The app has few screens, so a store replaces a router.
export const useNavStore = defineStore('nav', () => {
  const route = ref<Route>({ name: 'home' })
  const focusField = ref<string>('')
  function go(r: Route) {
    route.value = r
  }
  return { route, focusField, go }
})
