import { describe, expect, it } from 'vitest'
import { LINUX_FONT_FAMILY, platformFontFamily } from './fontStack'

// User agents as the three webviews send them (Wails appends nothing on
// Windows and macOS, "wails.io" on Linux).
const webkitGTK = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15 wails.io'
const webView2 =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0'
const wkWebView = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)'
const chromium = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36'
const android = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36'

describe('platformFontFamily', () => {
  it('names the generic sans-serif family in the Linux window (WebKitGTK)', () => {
    expect(platformFontFamily(webkitGTK)).toBe(LINUX_FONT_FAMILY)
    expect(LINUX_FONT_FAMILY).toBe('sans-serif')
  })

  it("keeps Naive UI's stack (the system fonts) on Windows and macOS", () => {
    expect(platformFontFamily(webView2)).toBeUndefined()
    expect(platformFontFamily(wkWebView)).toBeUndefined()
  })

  it('keeps the default in Chromium on Linux and on Android, whose agents also say Linux', () => {
    expect(platformFontFamily(chromium)).toBeUndefined()
    expect(platformFontFamily(android)).toBeUndefined()
  })
})
