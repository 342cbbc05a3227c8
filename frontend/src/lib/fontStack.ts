/**
 * The font stack of the UI in the Linux window (WebKitGTK).
 *
 * Naive UI's default stack names `v-sans, system-ui, -apple-system,
 * BlinkMacSystemFont, "Segoe UI"` before `sans-serif`, then three colour-emoji
 * fonts of Apple and Microsoft. On Windows and macOS those are the system's own
 * fonts and the stack stays as it is. A Linux machine normally has none of them
 * (fontconfig's `system-ui` alias prefers Cantarell, Noto Sans UI or Segoe UI,
 * when installed), so text renders in `sans-serif` (fontconfig's choice) and
 * Chinese in fontconfig's fallback for the character. But WebKitGTK first looks
 * up every missing name, once per weight and style, and each lookup is
 * expensive: Skia's fontconfig manager tests every alias fontconfig adds to the
 * name (~115 matches per lookup). Before the first paint that was 85 lookups
 * and ~10,000 fontconfig matches, ~150 ms of the web process's CPU; naming
 * `sans-serif` directly leaves 12 lookups and renders the same pixels on the
 * benchmark machine (Xvfb, the home screen compared pixel by pixel).
 */
export const LINUX_FONT_FAMILY = 'sans-serif'

/**
 * The stack to use instead of Naive UI's default, or undefined to keep it:
 * only in WebKitGTK (the app's window on Linux). Chromium, where the e2e tests
 * run, resolves `system-ui` by itself and keeps the default.
 */
export function platformFontFamily(userAgent: string): string | undefined {
  const webkitGTK = /\bLinux\b/.test(userAgent) && /\bAppleWebKit\//.test(userAgent) && !/Chrome\/|Chromium\/|\bAndroid\b/.test(userAgent)
  return webkitGTK ? LINUX_FONT_FAMILY : undefined
}
