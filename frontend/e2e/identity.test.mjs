// A clerk's first keystrokes: what is typed once is carried (the name typed
// in 新建申请, the certificate number's nature and province, an individual's
// own name and ID), numbers are taken for what they are, and the type
// questions lead to every application type without contradicting themselves.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { startApp, artifacts } from './harness.mjs'
import { answer, fill, saved } from './form.mjs'

let app
before(async () => {
  app = await startApp()
})
after(async () => {
  await app?.stop()
})

async function home(page) {
  await page.locator('[data-testid="nav"] .n-menu-item').first().click()
  await page.getByTestId('new-application').waitFor()
}

/** 新建申请 with only the entity name, as an in-house clerk does. */
async function create(page, entityName) {
  await home(page)
  await page.getByTestId('new-application').click()
  const dialog = page.getByTestId('new-application-dialog')
  await dialog.waitFor()
  await dialog.getByTestId('entity-name').locator('input').fill(entityName)
  await dialog.getByTestId('create-application').click()
  await page.getByTestId('form-type').waitFor()
}

const value = (page, path) => page.locator(`[data-path="${path}"]`).first().inputValue()
const selected = (page, path) => page.locator(`[data-field="${path}"] .n-base-selection`).first().innerText()
/** A screenshot tall enough to show the whole type step, questions and result. */
async function tallShot(page, name) {
  const size = page.viewportSize()
  await page.setViewportSize({ width: size.width, height: 1500 })
  await page.getByTestId('type-result').scrollIntoViewIfNeeded()
  await page.screenshot({ path: join(artifacts, name) })
  await page.setViewportSize(size)
}

const rulesAt = (page, path) =>
  page.locator(`[data-field="${path}"] [data-testid="field-finding"]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')))

test('a company typed in 新建申请 is the entity; its USCC suggests 企业 and 广东; the client takes its name', async () => {
  const { page } = app
  await page.getByTestId('home-empty').waitFor()
  await page.getByTestId('new-application').click()
  // An in-house clerk is not asked to pick a client: there is none yet.
  assert.equal(await page.getByTestId('client-select').count(), 0)
  await page.getByTestId('entity-name').locator('input').fill('深圳市云帆科技有限公司')
  await page.getByTestId('create-application').click()
  await page.getByTestId('form-type').waitFor()
  assert.match(await page.getByTestId('app-title').innerText(), /^深圳市云帆科技有限公司\s*\/?$/)

  await page.getByTestId('answers.goal-file').click()
  await answer(page, 'answers.entityFiled', false)
  await answer(page, 'answers.domainFiled', false)
  await fill(page, 'entity.certNumber', '9144030071526726XG')
  await fill(page, 'websites.0.domains.0', 'yunfan-sz.cn')
  await page.getByTestId('type-result-type').filter({ hasText: '首次备案' }).waitFor()
  await saved(page)

  await page.getByTestId('next').click()
  await page.getByTestId('form-entity').waitFor()
  // Arriving at a blank step is progress to make, not a failure.
  assert.notEqual(await page.getByTestId('step-entity').getAttribute('data-state'), 'problems')
  assert.equal(await page.locator('[data-testid="step-entity"].n-step--error-status').count(), 0)
  assert.equal(await value(page, 'entity.name'), '深圳市云帆科技有限公司')

  // Suggestions, not values: the clerk confirms each.
  const nature = page.getByTestId('suggest-nature')
  const province = page.getByTestId('suggest-province')
  assert.match(await nature.innerText(), /企业/)
  assert.match(await province.innerText(), /广东省[\s\S]*以证件住所为准/)
  assert.doesNotMatch(await selected(page, 'entity.nature'), /企业/)
  await page.screenshot({ path: join(artifacts, 'identity-entity-suggestions.png') })
  await page.getByTestId('adopt-nature').click()
  await page.getByTestId('adopt-province').click()
  await nature.waitFor({ state: 'detached' })
  await province.waitFor({ state: 'detached' })
  assert.match(await selected(page, 'entity.nature'), /企业/)
  assert.match(await selected(page, 'entity.province'), /广东省/)
  assert.match(await selected(page, 'entity.certType'), /工商营业执照/)
  await saved(page)

  // Leaving the step with blocking problems marks it; the next one is progress.
  await page.getByTestId('next').click()
  await page.getByTestId('form-websites').waitFor()
  assert.equal(await page.getByTestId('step-entity').getAttribute('data-state'), 'problems')
  assert.notEqual(await page.getByTestId('step-websites').getAttribute('data-state'), 'problems')

  // The client was created for the clerk and carries the entity's name.
  await page.getByTestId('nav').getByText('客户', { exact: true }).click()
  await page.getByTestId('client-row').filter({ hasText: '深圳市云帆科技有限公司' }).waitFor()
  assert.deepEqual(app.pageErrors, [])
})

test("a resident ID with a wrong check digit is reported as one; an individual's name and ID fill the person in charge", async () => {
  const { page } = app
  await create(page, '陈晓东')
  await page.getByTestId('answers.goal-file').click()
  await answer(page, 'answers.entityFiled', false)
  await answer(page, 'answers.domainFiled', false)
  await fill(page, 'entity.certNumber', '440305199208152112')
  await saved(page)
  await page.locator('[data-field="entity.certNumber"] [data-testid="field-finding"]').first().waitFor()
  const onType = await rulesAt(page, 'entity.certNumber')
  assert.deepEqual(onType, ['id.idcard.check_char'])
  assert.match(await page.locator('[data-field="entity.certNumber"]').innerText(), /身份证/)
  assert.doesNotMatch(await page.locator('[data-field="entity.certNumber"]').innerText(), /统一社会信用代码|组织机构代码|文化/)
  await page.screenshot({ path: join(artifacts, 'identity-id-check-digit.png') })
  await fill(page, 'entity.certNumber', '44030519920815211X')
  await fill(page, 'websites.0.domains.0', 'xiaodongfoto.cn')
  await saved(page)

  await page.getByTestId('next').click()
  await page.getByTestId('form-entity').waitFor()
  assert.match(await page.getByTestId('suggest-nature').innerText(), /个人/)
  await page.getByTestId('adopt-nature').click()
  await page.getByTestId('adopt-province').click()
  await page.getByTestId('suggest-nature').waitFor({ state: 'detached' })
  assert.match(await selected(page, 'entity.certType'), /居民身份证/)
  // The person in charge is the individual: nothing typed twice.
  await page.locator('[data-path="entity.person.name"]').first().waitFor()
  assert.equal(await value(page, 'entity.person.name'), '陈晓东')
  assert.equal(await value(page, 'entity.person.idNumber'), '44030519920815211X')
  assert.match(await selected(page, 'entity.person.idType'), /居民身份证/)
  await saved(page)

  // On the entity step, 个人 + 居民身份证: the certificate is checked like the person's ID.
  await fill(page, 'entity.certNumber', '440305199208152112')
  await saved(page)
  await page.locator('[data-field="entity.certNumber"] [data-testid="field-finding"][data-rule="id.idcard.check_char"]').waitFor()
  assert.deepEqual(app.pageErrors, [])
})

test('the type questions reach a one-click transfer and explain a cancellation, in zh-CN and en', async () => {
  const { page } = app
  await create(page, '广州青禾文化传媒有限公司')
  await page.getByTestId('answers.goal-file').click()
  await answer(page, 'answers.entityFiled', true)
  // A filed entity is not asked whether the domain is filed "by anyone".
  assert.equal(await page.locator('[data-field="answers.domainFiled"]').count(), 0)
  await answer(page, 'answers.entityAtTencent', true)
  await page.getByTestId('answers.domainStatus-this_entity').click()
  await answer(page, 'answers.domainAtTencent', false)
  await page.getByTestId('type-result-type').filter({ hasText: '一键接入备案' }).waitFor()
  assert.match(await page.getByTestId('type-result-reason').innerText(), /未在腾讯云接入/)
  assert.match(await page.getByTestId('type-source').innerText(), /接入备案类/)
  assert.equal(await page.getByTestId('type-blocked').count(), 0)
  await fill(page, 'answers.existingIcpNumber', '粤ICP备12345678号')
  await saved(page)
  await page.getByTestId('app-title').click() // leave the field so its check shows
  await tallShot(page, 'type-step-zh.png')

  // Already filed and accessed at Tencent: nothing to file, and what to do instead.
  await answer(page, 'answers.domainAtTencent', true)
  await page.getByTestId('type-blocked').filter({ hasText: '变更已备案的信息' }).waitFor()

  // A cancellation is identified and explained; no form is asked for.
  await page.getByTestId('answers.goal-cancel_website').click()
  await answer(page, 'answers.lastWebsite', true)
  const guide = page.getByTestId('type-guide')
  await guide.waitFor()
  assert.equal(await guide.getAttribute('data-guide'), 'cancel_last_website')
  assert.match(await guide.innerText(), /空壳主体[\s\S]*注销主体/)
  assert.equal(await page.locator('[data-field="entity.certNumber"]').count(), 0)
  assert.match(await page.getByTestId('type-result-type').innerText(), /尚未确定/)
  await tallShot(page, 'type-step-cancel-zh.png')

  await page.getByTestId('language-switch').click()
  await page.getByText('English', { exact: true }).click()
  await page.getByText('What do you want to do?').waitFor()
  assert.match(await guide.innerText(), /shell entity/)
  await page.getByTestId('answers.goal-file').click()
  await answer(page, 'answers.domainAtTencent', false)
  await page.getByTestId('type-result-type').filter({ hasText: 'One-click transfer' }).waitFor()
  await saved(page)
  await tallShot(page, 'type-step-en.png')
  await page.getByTestId('language-switch').click()
  await page.getByText('简体中文', { exact: true }).click()
  await page.getByText('您要办理什么？').waitFor()
  assert.deepEqual(app.pageErrors, [])
})
