// Typed wrappers of the PhotoService bindings and the file-drop runtime.
// Pictures are shown from /media/photo/<id>/… URLs, never sent as base64.
import * as PhotoService from '../../wailsjs/go/app/PhotoService'
import { OnFileDrop, OnFileDropOff } from '../../wailsjs/runtime/runtime'
import type { photo as models } from '../../wailsjs/go/models'
import { call } from './errors'
import type { Finding } from './types'

export interface PhotoPoint {
  x: number
  y: number
}

export interface PhotoRect {
  x: number
  y: number
  w: number
  h: number
}

/** Crop-dialog settings, in pixels of the full-size upright original. */
export interface PhotoAdjust {
  rotate90: number
  fineRotateDeg: number
  crop?: PhotoRect
  corners?: [PhotoPoint, PhotoPoint, PhotoPoint, PhotoPoint]
}

export interface PhotoConfidence {
  /** 0–1: the weakest of the parts below. */
  score: number
  /** Share of each side (top, right, bottom, left) with a visible edge. */
  edgeSupport: [number, number, number, number]
  aspect: number
  area: number
  angles: number
}

/**
 * The detector's crop suggestion. Applied on import only when `auto`;
 * otherwise the original is kept and `reasons` say why.
 */
export interface PhotoSuggestion {
  found: boolean
  auto: boolean
  kind: string
  crop: PhotoRect
  corners: [PhotoPoint, PhotoPoint, PhotoPoint, PhotoPoint]
  aspect: number
  areaShare: number
  confidence: PhotoConfidence
  reasons?: string[]
  touches?: string[]
}

export interface PhotoInfo {
  id: number
  originalMime: string
  originalWidth: number
  originalHeight: number
  originalSize: number
  exportWidth: number
  exportHeight: number
  exportSize: number
  previewUrl: string
  exportUrl?: string
  adjust: PhotoAdjust
  suggestion: PhotoSuggestion
  updatedAt: string
}

export interface SlotState {
  slot: string
  websiteId?: string
  field: string
  required: boolean
  reason?: string
  key: string
  nameZh: string
  nameEn: string
  needZh: string
  needEn: string
  aspect: number
  portrait: boolean
  photo?: PhotoInfo
  findings: Finding[]
  /** A step that comes first in the real work ('checklist': generate, print and sign it first). */
  waitingFor?: string
}

const asSlot = (s: unknown) => s as SlotState

export const photos = {
  slots: (applicationId: number): Promise<SlotState[]> =>
    call(async () => (await PhotoService.Slots(applicationId)) as unknown as SlotState[]),
  importFile: (applicationId: number, key: string, path: string): Promise<SlotState> =>
    call(async () => asSlot(await PhotoService.ImportFile(applicationId, key, path))),
  importDialog: (applicationId: number, key: string): Promise<SlotState> =>
    call(async () => asSlot(await PhotoService.ImportDialog(applicationId, key))),
  /** Imports pasted image bytes (base64 or a data: URL). */
  importBytes: (applicationId: number, key: string, base64: string): Promise<SlotState> =>
    call(async () => asSlot(await PhotoService.ImportBytes(applicationId, key, base64))),
  /**
   * URL of the adjustment rendered by the export's own code at preview size
   * (straightening and turns included): what Apply would export.
   */
  renderUrl: (photoId: number, adjust: PhotoAdjust): string =>
    `/media/photo/${photoId}/render.jpg?a=${encodeURIComponent(JSON.stringify(adjust))}`,
  apply: (photoId: number, adjust: PhotoAdjust): Promise<SlotState> =>
    call(async () => asSlot(await PhotoService.Apply(photoId, adjust as unknown as models.Adjust))),
  remove: (applicationId: number, key: string): Promise<SlotState> =>
    call(async () => asSlot(await PhotoService.Remove(applicationId, key))),
  /**
   * Calls fn with the dropped files' paths and the drop position; only
   * elements whose CSS has --wails-drop-target: drop accept files.
   * Returns the function that stops listening.
   */
  onFileDrop: (fn: (x: number, y: number, paths: string[]) => void): (() => void) => {
    try {
      OnFileDrop(fn, true)
      return () => OnFileDropOff()
    } catch {
      return () => {} // no Wails runtime (unit tests, browser e2e)
    }
  },
}
