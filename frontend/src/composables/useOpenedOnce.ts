import { computed, ref, watch, type ComputedRef } from 'vue'

/**
 * Whether a dialog closed at start should be in the DOM: not until it is first
 * opened (a closed Naive modal still costs its setup and style at the first
 * paint), then for good, so that it closes with its animation and opens fast
 * the next time. Use as `v-if` next to the dialog's own `show`; the dialog then
 * mounts already open, so its "on open" watcher must be immediate.
 */
export function useOpenedOnce(open: () => boolean): ComputedRef<boolean> {
  const opened = ref(open())
  watch(open, (v) => {
    if (v) opened.value = true
  }, { flush: 'sync' })
  return computed(() => opened.value || open())
}
