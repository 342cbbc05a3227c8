import { describe, expect, it } from 'vitest'
import {
  cropAspect, cropToOriginal, fineDegrees, pointerToPreview, previewScale, quadToOriginal, quadToPreview,
  quarterTurns, rectToPreview, wholeQuad,
} from './cropGeometry'

describe('crop geometry', () => {
  const original = { w: 4000, h: 3000 }
  const s = previewScale(original.w, { w: 1600, h: 1200 })

  it('scales between the preview and the original', () => {
    expect(s).toBe(2.5)
    expect(previewScale(4000, { w: 0, h: 0 })).toBe(1)
    expect(rectToPreview({ x: 250, y: 500, w: 1000, h: 750 }, s)).toEqual({ x: 100, y: 200, w: 400, h: 300 })
    expect(quadToPreview(wholeQuad(original), s)).toEqual([
      { x: 0, y: 0 }, { x: 1600, y: 0 }, { x: 1600, y: 1200 }, { x: 0, y: 1200 },
    ])
  })

  it('sends whole original pixels inside the picture', () => {
    expect(cropToOriginal({ x: 100.2, y: 200.4, w: 400, h: 300 }, s, original)).toEqual({ x: 251, y: 501, w: 1000, h: 750 })
    // A crop running past the right/bottom edge is cut at the edge; a negative origin at 0.
    expect(cropToOriginal({ x: 1500, y: -3, w: 400, h: 1300 }, s, original)).toEqual({ x: 3750, y: 0, w: 250, h: 3000 })
    expect(quadToOriginal([{ x: -1, y: 0 }, { x: 1601, y: 0 }, { x: 1600, y: 1200.3 }, { x: 0.2, y: 1200 }], s, original)).toEqual([
      { x: 0, y: 0 }, { x: 4000, y: 0 }, { x: 4000, y: 3000 }, { x: 1, y: 3000 },
    ])
  })

  it("turns the slot's aspect with the crop unless portrait, free when unlocked", () => {
    expect(cropAspect(1.58, false, true, { w: 400, h: 300 })).toBe(1.58)
    expect(cropAspect(1.58, false, true, { w: 300, h: 400 })).toBeCloseTo(1 / 1.58)
    expect(cropAspect(1.4, true, true, { w: 400, h: 300 })).toBeCloseTo(1 / 1.4)
    expect(cropAspect(1.58, false, false, { w: 400, h: 300 })).toBeUndefined()
    expect(cropAspect(0, false, true, { w: 400, h: 300 })).toBeUndefined()
  })

  it('maps a pointer into the preview, clamped to the picture', () => {
    const box = { left: 10, top: 20, width: 800, height: 600 }
    expect(pointerToPreview({ x: 410, y: 320 }, box, { w: 1600, h: 1200 })).toEqual({ x: 800, y: 600 })
    expect(pointerToPreview({ x: 0, y: 1000 }, box, { w: 1600, h: 1200 })).toEqual({ x: 0, y: 1200 })
  })

  it('normalises turns and rounds the fine angle', () => {
    expect([quarterTurns(-1), quarterTurns(4), quarterTurns(7)]).toEqual([3, 0, 3])
    expect(fineDegrees(1.26)).toBe(1.3)
    expect(fineDegrees(-0.04)).toBe(-0)
  })
})
