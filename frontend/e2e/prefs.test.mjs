// A damaged preferences file: ICP Desk still starts (on the defaults), keeps
// the file aside as prefs.json.broken and tells the clerk once, in both
// languages.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startApp, artifacts } from './harness.mjs'

test('a damaged preferences file is kept aside and the clerk is told once', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'icpdesk-prefs-'))
  const damaged = '{"language": "en", "lastWorkspace": '
  writeFileSync(join(dir, 'prefs.json'), damaged)
  let app
  try {
    app = await startApp({ workspaceDir: dir })
    const { page } = app
    const notice = page.getByTestId('prefs-problem')
    await notice.waitFor()
    const text = await notice.innerText()
    assert.match(text, /偏好设置文件（.*prefs\.json）已损坏/)
    assert.match(text, /The preferences file \(.*prefs\.json\) is damaged/)
    assert.ok(text.includes(join(dir, 'prefs.json.broken')), text)
    assert.equal(readFileSync(join(dir, 'prefs.json.broken'), 'utf8'), damaged)
    await page.screenshot({ path: join(artifacts, 'prefs-problem.png') })
    await page.getByRole('button', { name: '知道了' }).click()
    await notice.waitFor({ state: 'detached' })
    // The app works on the defaults, and a reload does not tell again.
    await page.getByTestId('home-empty').waitFor()
    await page.reload()
    await page.getByTestId('nav').waitFor()
    await page.getByTestId('home-empty').waitFor()
    assert.equal(await notice.count(), 0)
    assert.ok(existsSync(join(dir, 'prefs.json.broken')))
    assert.deepEqual(app.pageErrors, [])
  } finally {
    await app?.stop()
    rmSync(dir, { recursive: true, force: true })
  }
})
