// Typed wrappers of the PhotoService bindings and the file-drop runtime.
// Pictures are shown from /media/photo/<id>/… URLs, never sent as base64.
import * as PhotoService from '../../wailsjs/go/app/PhotoService'
import { OnFileDrop, OnFileDropOff } from '../../wailsjs/runtime/runtime'
import { photo as models } from '../../wailsjs/go/models'
import type { app } from '../../wailsjs/go/models'
import type { Finding } from './types'
import { get, type Refine, type Wire } from './wire'

export type PhotoPoint = Wire<models.Point>

export type PhotoRect = Wire<models.Rect>

type Corners = [PhotoPoint, PhotoPoint, PhotoPoint, PhotoPoint]

/** Crop-dialog settings, in pixels of the full-size upright original. */
export type PhotoAdjust = Refine<Wire<models.Adjust>, { corners?: Corners }>

/** How sure the detector is (photo.Confidence): edgeSupport is the share of each side (top, right, bottom, left) with a visible edge. */
export type PhotoConfidence = Refine<Wire<models.Confidence>, { edgeSupport: [number, number, number, number] }>

/**
 * The detector's crop suggestion. Applied on import only when `auto`;
 * otherwise the original is kept and `reasons` say why.
 */
export type PhotoSuggestion = Refine<Wire<models.Suggestion>, { corners: Corners; confidence: PhotoConfidence }>

export type PhotoInfo = Refine<Wire<app.PhotoInfo>, { adjust: PhotoAdjust; suggestion: PhotoSuggestion }>

export type SlotState = Refine<Wire<app.SlotState>, { photo?: PhotoInfo; findings: Finding[] }>

export const photos = {
  slots: (applicationId: number): Promise<SlotState[]> =>
    get(PhotoService.Slots(applicationId).then((r) => r ?? [])),
  importFile: (applicationId: number, key: string, path: string): Promise<SlotState> =>
    get(PhotoService.ImportFile(applicationId, key, path)),
  importDialog: (applicationId: number, key: string): Promise<SlotState> =>
    get(PhotoService.ImportDialog(applicationId, key)),
  /** Imports pasted image bytes (base64 or a data: URL). */
  importBytes: (applicationId: number, key: string, base64: string): Promise<SlotState> =>
    get(PhotoService.ImportBytes(applicationId, key, base64)),
  /**
   * URL of the adjustment rendered by the export's own code at preview size
   * (straightening and turns included): what Apply would export.
   */
  renderUrl: (photo: Pick<PhotoInfo, 'renderUrl'>, adjust: PhotoAdjust): string =>
    `${photo.renderUrl}&a=${encodeURIComponent(JSON.stringify(adjust))}`,
  apply: (photoId: number, adjust: PhotoAdjust): Promise<SlotState> =>
    get(PhotoService.Apply(photoId, models.Adjust.createFrom(adjust))),
  remove: (applicationId: number, key: string): Promise<SlotState> =>
    get(PhotoService.Remove(applicationId, key)),
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
