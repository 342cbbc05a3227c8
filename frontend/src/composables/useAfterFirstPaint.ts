import { onMounted, ref, type FunctionalComponent, type Ref } from 'vue'

/**
 * False until the frame after the component's mount has been painted, then
 * true: for parts that are not seen in the first frame (a dropdown's menu, a
 * tooltip) but cost that frame their setup and styles.
 */
export function useAfterFirstPaint(): Ref<boolean> {
  const painted = ref(false)
  onMounted(() => requestAnimationFrame(() => setTimeout(() => (painted.value = true))))
  return painted
}

/**
 * Renders its default slot as it is: the stand-in for a wrapper such as
 * NDropdown until that wrapper is made (`<component :is="ready ? NDropdown : Bare">`).
 */
export const Bare: FunctionalComponent = (_, { slots }) => slots.default?.()
Bare.inheritAttrs = false
