import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startApp } from './harness.mjs'

let app
before(async () => {
  app = await startApp()
})
after(async () => {
  await app?.stop()
})

test('the page runs under a strict Content-Security-Policy, and Naive UI still styles it', async () => {
  const { page } = app
  // Record every violation from the first byte of the next load.
  await page.addInitScript(() => {
    window.__csp = []
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`))
  })
  await page.reload()
  await page.getByTestId('home-empty').waitFor()
  const policy = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content ?? '')
  assert.match(policy, /default-src 'self'/)
  assert.match(policy, /script-src 'self'(;|$)/)

  // Naive UI injects its styles at run time: they must apply.
  await page.getByTestId('new-application').click()
  await page.getByRole('dialog').waitFor()
  assert.ok((await page.evaluate(() => document.querySelectorAll('style[cssr-id]').length)) > 5, 'Naive UI styles were not injected')
  const radius = await page.getByRole('dialog').evaluate((el) => getComputedStyle(el.closest('.n-card') ?? el).borderRadius)
  assert.notEqual(radius, '0px', 'the dialog is unstyled')
  await page.keyboard.press('Escape')
  assert.deepEqual(await page.evaluate(() => window.__csp), [], 'the app itself violates the policy')

  // What the policy is for: an injected inline script and a remote request are blocked.
  const ran = await page.evaluate(() => {
    const s = document.createElement('script')
    s.textContent = 'window.__inlineRan = true'
    document.head.appendChild(s)
    return window.__inlineRan === true
  })
  assert.equal(ran, false, 'an inline script ran')
  const fetched = await page.evaluate(() => fetch('https://example.com/').then(() => true, () => false))
  assert.equal(fetched, false, 'a remote request went out')
  await page.waitForFunction(() => window.__csp.length >= 2)
  const blocked = await page.evaluate(() => window.__csp.join('\n'))
  assert.match(blocked, /script-src/)
  assert.match(blocked, /connect-src https:\/\/example\.com/)

  // The checklist preview embeds the app's own PDF (ChecklistPanel's <object>):
  // allowed; a remote one is not (reported by its origin). The remote one is
  // added second, so once its violation is reported the first one's would have been too.
  const before = await page.evaluate(() => window.__csp.length)
  await page.evaluate(() => {
    for (const data of ['/media/document/1.pdf', 'https://example.com/x.pdf']) {
      const o = document.createElement('object')
      o.type = 'application/pdf'
      o.data = data
      document.body.appendChild(o)
    }
  })
  await page.waitForFunction((n) => window.__csp.slice(n).some((v) => v.startsWith('object-src https://example.com')), before)
  const objects = await page.evaluate((n) => window.__csp.slice(n).filter((v) => v.startsWith('object-src')), before)
  assert.deepEqual(objects, ['object-src https://example.com'], 'the checklist preview (same origin) must not be blocked')
})
