import { afterEach, describe, expect, it, vi } from 'vitest'
import { lastPreloaded, preloadImage } from './preload'

describe('preloadImage', () => {
  afterEach(() => {
    vi.restoreAllMocks()
    vi.useRealTimers()
  })

  it('resolves once the picture is decoded, and keeps it referenced', async () => {
    let decoded!: () => void
    vi.spyOn(HTMLImageElement.prototype, 'decode').mockImplementation(() => new Promise<void>((r) => (decoded = r)))
    let done = false
    const p = preloadImage('/media/photo/1/export.jpg?v=a').then(() => (done = true))
    await Promise.resolve()
    expect(done).toBe(false)
    expect(lastPreloaded()?.getAttribute('src')).toBe('/media/photo/1/export.jpg?v=a')
    decoded()
    await p
    expect(done).toBe(true)
  })

  it('resolves, not rejects, when the picture cannot be decoded', async () => {
    vi.spyOn(HTMLImageElement.prototype, 'decode').mockRejectedValue(new Error('EncodingError'))
    await expect(preloadImage('/broken.jpg')).resolves.toBeUndefined()
  })

  it('gives up waiting after the time limit', async () => {
    vi.useFakeTimers()
    vi.spyOn(HTMLImageElement.prototype, 'decode').mockImplementation(() => new Promise<void>(() => {}))
    let done = false
    const p = preloadImage('/slow.jpg', 1000).then(() => (done = true))
    await vi.advanceTimersByTimeAsync(999)
    expect(done).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    await p
    expect(done).toBe(true)
  })

  it('has nothing to load for no URL', async () => {
    const decode = vi.spyOn(HTMLImageElement.prototype, 'decode')
    await preloadImage('')
    expect(decode).not.toHaveBeenCalled()
  })
})
