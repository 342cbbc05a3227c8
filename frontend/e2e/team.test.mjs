// Two ICP Desk instances on one team workspace (PostgreSQL), as two clerks:
// each opens it through "打开团队工作区…"; clerk A's new application appears in
// B's list and A's typing in B's open form without reopening; when both
// change the same field at once, one of them is shown the conflict (with the
// other's name and value), keeps their own, and the other sees it.
// Needs the throwaway server of scripts/with-postgres.sh (make test-e2e runs
// under it); skipped without it, except in CI.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync, spawn } from 'node:child_process'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { startApp, artifacts } from './harness.mjs'
import { fill, step, saved } from './form.mjs'

const root = resolve(import.meta.dirname, '..', '..')
const dsn = process.env.ICPDESK_TEST_PG
const skip = !dsn && process.env.CI !== 'true' ? 'ICPDESK_TEST_PG not set: run through scripts/with-postgres.sh' : false
const CLI = join(root, 'build', 'bin', 'icpdesk-cli')
const db = `e2e_team_${process.pid}`
const socketDir = dsn ? /host=(\S+)/.exec(dsn)[1] : ''
const psql = join(process.env.PG_BIN || '/usr/lib/postgresql/15/bin', 'psql')

let a, b
before(async () => {
  if (skip) return
  assert.ok(dsn, 'ICPDESK_TEST_PG is not set: run through scripts/with-postgres.sh')
  execFileSync(psql, ['-X', '-q', '-d', dsn, '-c', `CREATE DATABASE ${db}`])
  execFileSync(CLI, ['team', 'init', `${dsn} dbname=${db}`])
  for (const clerk of ['王五', '李四']) execFileSync(CLI, ['team', 'add-clerk', `${dsn} dbname=${db}`, clerk])
  ;[a, b] = await Promise.all([startApp(), startApp()])
})
after(async () => {
  await Promise.all([a?.stop(), b?.stop()])
  if (dsn) {
    try {
      execFileSync(psql, ['-X', '-q', '-d', dsn, '-c', `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`, '-c', 'DROP ROLE IF EXISTS icpdesk_clerk'])
    } catch {
      /* the server goes away with the test run anyway */
    }
  }
})

async function openTeam(page, user) {
  await page.getByTestId('workspace-menu').click()
  await page.getByText('打开团队工作区…', { exact: true }).click()
  const dialog = page.getByTestId('team-dialog')
  await dialog.waitFor()
  await page.getByTestId('team-host').locator('input').fill(socketDir)
  await page.getByTestId('team-database').locator('input').fill(db)
  await page.getByTestId('team-user').locator('input').fill(user)
  await page.getByTestId('team-open').click()
  await page.getByTestId('workspace-status').getByText(`团队工作区 · ${user}`).waitFor()
}

test('a server that cannot be reached is said in Chinese, with retry, and the local workspace stays', { skip }, async () => {
  const { page } = a
  await page.getByTestId('workspace-menu').click()
  await page.getByText('打开团队工作区…', { exact: true }).click()
  await page.getByTestId('team-host').locator('input').fill('/nonexistent-socket-dir')
  await page.getByTestId('team-database').locator('input').fill(db)
  await page.getByTestId('team-user').locator('input').fill('王五')
  await page.getByTestId('team-open').click()
  await page.getByTestId('team-error').waitFor()
  assert.match(await page.getByTestId('team-error').innerText(), /无法连接团队工作区的服务器/)
  assert.equal(await page.getByTestId('team-open').innerText(), '重试')
  await page.screenshot({ path: join(artifacts, 'e2e-team-unreachable.png') })
  await page.keyboard.press('Escape')
  assert.match(await page.getByTestId('workspace-status').innerText(), /本地工作区/)
})

test('two clerks see each other’s work live and resolve a clash field by field', { skip }, async () => {
  await openTeam(a.page, '王五')
  await openTeam(b.page, '李四')
  await a.page.screenshot({ path: join(artifacts, 'e2e-team-opened.png') })

  // A starts an application; it appears in B's list without reopening.
  const created = await a.page.evaluate(() => window.go.app.FilingService.NewApplication(0, '甲公司'))
  const id = created.record.id
  const rowB = b.page.locator(`[data-testid="application-row"][data-id="${id}"]`)
  await rowB.waitFor({ timeout: 20000 }).catch(async (err) => {
    await b.page.screenshot({ path: join(artifacts, 'e2e-team-b-list.png') })
    throw new Error(`${err.message}\n${b.log()}`)
  })
  // A's own change is not announced to A: A opens it from a fresh list.
  await a.page.reload()
  const rowA = a.page.locator(`[data-testid="application-row"][data-id="${id}"]`)
  await Promise.race([rowA.waitFor(), a.page.getByTestId('steps').waitFor()])
  if (await rowA.isVisible()) await rowA.getByText('打开', { exact: true }).click()
  await rowB.getByText('打开', { exact: true }).click()
  await a.page.screenshot({ path: join(artifacts, 'e2e-team-a-opened.png') })
  await step(a.page, 'entity')
  await step(b.page, 'entity')

  // A types; B's open form shows it without reopening.
  await fill(a.page, 'entity.address', '杭州市文一西路 1 号')
  await saved(a.page)
  await b.page.waitForFunction(
    () => document.querySelector('[data-path="entity.address"]')?.value === '杭州市文一西路 1 号',
    null,
    { timeout: 20000 },
  )

  // Both change the name at once: a third session holds the row, so both
  // saves start from the same revision and wait; then it lets go.
  const hold = spawn(psql, ['-X', '-q', '-d', `${dsn} dbname=${db}`], { stdio: ['pipe', 'pipe', 'inherit'] })
  let out = ''
  hold.stdout.on('data', (d) => (out += d))
  hold.stdin.write(`BEGIN; SELECT 1 FROM icpdesk.applications WHERE id = ${id} FOR UPDATE; \\echo held\n`)
  for (const deadline = Date.now() + 20000; !out.includes('held'); ) {
    assert.ok(Date.now() < deadline, 'psql did not take the lock')
    await new Promise((r) => setTimeout(r, 50))
  }
  await fill(a.page, 'entity.name', '王五填的名称')
  await fill(b.page, 'entity.name', '李四填的名称')
  await a.page.locator('[data-testid="save-state"][data-state="saving"]').waitFor()
  await b.page.locator('[data-testid="save-state"][data-state="saving"]').waitFor()
  hold.stdin.end('COMMIT;\n')
  await saved(a.page)
  await saved(b.page)

  // Exactly one of them got the clash, naming the other clerk.
  const conflictA = await a.page.getByTestId('conflict').count()
  const conflictB = await b.page.getByTestId('conflict').count()
  assert.equal(conflictA + conflictB, 1, `conflicts shown: A ${conflictA}, B ${conflictB}`)
  const [loser, winner, loserName, winnerName, mine, theirs] =
    conflictA ? [a, b, '王五', '李四', '王五填的名称', '李四填的名称'] : [b, a, '李四', '王五', '李四填的名称', '王五填的名称']
  const panel = loser.page.getByTestId('conflict')
  assert.equal(await panel.getByTestId('conflict-mine').innerText(), mine)
  assert.equal(await panel.getByTestId('conflict-theirs').innerText(), theirs)
  assert.match(await panel.innerText(), new RegExp(`${winnerName}的`))
  assert.equal(await loser.page.locator('[data-path="entity.name"]').inputValue(), theirs)
  await loser.page.screenshot({ path: join(artifacts, 'e2e-team-conflict.png') })

  // The clerk keeps their own value; the other clerk sees it.
  await panel.getByTestId('keep-mine').click()
  await loser.page.getByTestId('conflict').waitFor({ state: 'detached' })
  await saved(loser.page)
  await winner.page.waitForFunction(
    (v) => document.querySelector('[data-path="entity.name"]')?.value === v,
    mine,
    { timeout: 20000 },
  )
  // Who did what: the list says who changed it last.
  await winner.page.getByTestId('steps').waitFor()
  const rev = await winner.page.evaluate((id) => window.go.app.FilingService.Get(id), id)
  assert.equal(rev.record.updatedBy, loserName)
  hold.kill()

  // B still has it open: A, back on the list, sees who is editing it now.
  await a.page.locator('.n-menu').getByText('全部申请').click()
  await a.page
    .locator(`[data-testid="application-row"][data-id="${id}"] [data-testid="row-editing"]`)
    .getByText('李四 正在编辑')
    .waitFor({ timeout: 20000 })
  await a.page.screenshot({ path: join(artifacts, 'e2e-team-list-editing.png') })
})

test('a restarted app reopens the team workspace; one it cannot reach offers the dialog filled in and the local workspace', { skip }, async () => {
  // Own instance: the prefs file lives beside its workspace (ICPDESK_WORKSPACE).
  let c = await startApp()
  const dir = c.workspaceDir
  try {
    await openTeam(c.page, '王五')
    await c.stopKeepingWorkspace()
    // The socket login needs no password (as with a pgpass file): it opens directly.
    c = await startApp({ workspaceDir: dir })
    await c.page.getByTestId('workspace-status').getByText('团队工作区 · 王五').waitFor({ timeout: 30000 })
    assert.equal(await c.page.getByTestId('team-dialog').count(), 0)
    await c.page.screenshot({ path: join(artifacts, 'e2e-team-reopened.png') })
    const prefsText = readFileSync(join(dir, 'prefs.json'), 'utf8')
    assert.doesNotMatch(prefsText, /password/i)
    await c.stopKeepingWorkspace()

    // The server moved away: the app opens on the local workspace with the
    // team dialog filled in and saying why; the clerk chooses the local one.
    const prefs = JSON.parse(prefsText)
    prefs.team.host = '/nonexistent-socket-dir'
    writeFileSync(join(dir, 'prefs.json'), JSON.stringify(prefs))
    c = await startApp({ workspaceDir: dir })
    await c.page.getByTestId('team-reopen').waitFor({ timeout: 30000 })
    assert.match(await c.page.getByTestId('team-reopen').innerText(), /未能自动重新打开上次使用的团队工作区/)
    assert.match(await c.page.getByTestId('team-error').innerText(), /无法连接团队工作区的服务器/)
    assert.equal(await c.page.getByTestId('team-host').locator('input').inputValue(), '/nonexistent-socket-dir')
    assert.equal(await c.page.getByTestId('team-user').locator('input').inputValue(), '王五')
    assert.equal(await c.page.getByTestId('team-database').locator('input').inputValue(), db)
    assert.equal(await c.page.getByTestId('team-password').locator('input').inputValue(), '')
    await c.page.screenshot({ path: join(artifacts, 'e2e-team-reopen-failed.png') })
    await c.page.getByTestId('team-cancel').click()
    await c.page.getByTestId('team-dialog').waitFor({ state: 'hidden' })
    assert.match(await c.page.getByTestId('workspace-status').innerText(), /本地工作区/)
    assert.deepEqual(c.pageErrors, [])
  } finally {
    await c.stopKeepingWorkspace()
    rmSync(dir, { recursive: true, force: true })
  }
})
