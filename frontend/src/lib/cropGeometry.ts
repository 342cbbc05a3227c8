// The crop dialog's coordinate maths (PhotoCropper.vue): it edits on the
// preview (long edge ≤ 1600 px) and Go works in pixels of the full-size
// upright original; scale is original pixels per preview pixel.
import type { PhotoPoint, PhotoRect } from '../api'

export type Quad = [PhotoPoint, PhotoPoint, PhotoPoint, PhotoPoint]

export interface Size {
  w: number
  h: number
}

/** Original pixels per preview pixel (1 until the preview's size is known). */
export function previewScale(originalWidth: number, preview: Size): number {
  return preview.w ? originalWidth / preview.w : 1
}

/** A rectangle in original pixels, in preview pixels. */
export function rectToPreview(r: PhotoRect, scale: number): PhotoRect {
  return { x: r.x / scale, y: r.y / scale, w: r.w / scale, h: r.h / scale }
}

/** Four corners in original pixels, in preview pixels. */
export function quadToPreview(q: readonly PhotoPoint[], scale: number): Quad {
  return q.map((p) => ({ x: p.x / scale, y: p.y / scale })) as Quad
}

/** The whole picture's corners, clockwise from the top left. */
export function wholeQuad(original: Size): Quad {
  return [
    { x: 0, y: 0 },
    { x: original.w, y: 0 },
    { x: original.w, y: original.h },
    { x: 0, y: original.h },
  ]
}

/**
 * The crop box's aspect ratio: the slot's shape turned to match the current
 * crop (a card lies landscape, a page stands portrait), or free (undefined)
 * when unlocked or the slot has none.
 */
export function cropAspect(aspect: number, portrait: boolean, locked: boolean, crop: Size): number | undefined {
  if (!locked || !aspect) return undefined
  const landscape = portrait ? false : crop.w >= crop.h
  return landscape ? aspect : 1 / aspect
}

/** A pointer position in the page, in preview pixels of the box it is over (clamped to the picture). */
export function pointerToPreview(
  client: PhotoPoint,
  box: { left: number; top: number; width: number; height: number },
  preview: Size,
): PhotoPoint {
  const clamp = (v: number, max: number) => Math.min(max, Math.max(0, v))
  return {
    x: clamp(((client.x - box.left) / box.width) * preview.w, preview.w),
    y: clamp(((client.y - box.top) / box.height) * preview.h, preview.h),
  }
}

/** Quarter turns as 0–3, whatever the count of clicks either way. */
export function quarterTurns(n: number): number {
  return ((n % 4) + 4) % 4
}

/** The fine rotation as sent: one decimal of a degree. */
export function fineDegrees(deg: number): number {
  return Math.round(deg * 10) / 10
}

/** A preview crop in whole original pixels, kept inside the picture. */
export function cropToOriginal(crop: PhotoRect, scale: number, original: Size): PhotoRect {
  const x = Math.max(0, Math.round(crop.x * scale))
  const y = Math.max(0, Math.round(crop.y * scale))
  return { x, y, w: Math.min(original.w - x, Math.round(crop.w * scale)), h: Math.min(original.h - y, Math.round(crop.h * scale)) }
}

/** Preview corners in whole original pixels, kept inside the picture. */
export function quadToOriginal(q: readonly PhotoPoint[], scale: number, original: Size): Quad {
  return q.map((p) => ({
    x: Math.min(original.w, Math.max(0, Math.round(p.x * scale))),
    y: Math.min(original.h, Math.max(0, Math.round(p.y * scale))),
  })) as Quad
}
