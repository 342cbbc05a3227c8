// Loading a picture before it is shown, so that the <img> showing it next is
// complete in its first frame instead of appearing blank and filling in.

// The last preloaded image stays referenced, so that the engine keeps it
// (decoded) in its memory cache until the page shows it.
let kept: HTMLImageElement | null = null

/**
 * Loads and decodes url. Resolves once the picture is ready, or when it fails
 * (the <img> then shows its own error), or after ms at the latest: a slow
 * picture never holds up what waits for it for longer than that.
 */
export function preloadImage(url: string, ms = 1500): Promise<void> {
  if (!url) return Promise.resolve()
  const img = new Image()
  kept = img
  img.src = url
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))
  const ready = img.decode().then(
    () => undefined,
    () => undefined,
  )
  return Promise.race([ready, late]).finally(() => clearTimeout(timer))
}

/** The image preloadImage keeps referenced (for tests). */
export const lastPreloaded = (): HTMLImageElement | null => kept
