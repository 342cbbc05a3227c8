import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { startApp, artifacts } from './harness.mjs'
import { answer, choose, fill, person, saved, step } from './form.mjs'

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

async function newApplication(page, clientName) {
  await home(page)
  await page.getByTestId('new-application').click()
  // Branch only once the dialog knows the clients (it shows the name field
  // for a new client): deciding earlier raced the load on a busy machine.
  await page.locator('[data-testid="new-application-form"][data-loaded="true"]').waitFor()
  const name = page.getByTestId('client-name')
  if (await name.count()) await name.locator('input').fill(clientName)
  else {
    await page.getByTestId('client-select').click()
    await page.locator('.n-base-select-option', { hasText: /新客户|New client/ }).click()
    await page.getByTestId('client-name').locator('input').fill(clientName)
  }
  await page.getByTestId('create-application').click()
  await page.getByTestId('form-type').waitFor()
}

test('an organisation with two websites goes from nothing to ready', async () => {
  const { page } = app
  await page.getByTestId('home-empty').waitFor()
  await newApplication(page, '云帆科技')

  // 1. Application type
  await page.getByTestId('answers.goal-file').click()
  await answer(page, 'answers.entityFiled', false)
  await answer(page, 'answers.domainFiled', false)
  await fill(page, 'entity.certNumber', '91110000600037341L')
  await fill(page, 'websites.0.domains.0', 'yunfan-tech.cn')
  await page.getByTestId('type-result-type').filter({ hasText: '首次备案' }).waitFor()
  assert.match(await page.getByTestId('type-result-reason').innerText(), /从未备案/)
  await page.screenshot({ path: join(artifacts, 'wizard-1-type.png') })

  // 2. Entity
  await page.getByTestId('next').click()
  await page.getByTestId('form-entity').waitFor()
  await choose(page, 'entity.province', '北京市')
  await fill(page, 'entity.city', '北京市')
  await fill(page, 'entity.district', '海淀区')
  await choose(page, 'entity.nature', '企业')
  await choose(page, 'entity.certType', '工商营业执照')
  await fill(page, 'entity.name', '北京云帆科技有限公司')
  await fill(page, 'entity.certAddress', '北京市海淀区中关村大街27号1101室')
  await fill(page, 'entity.address', '北京市海淀区中关村大街27号中关村大厦11层1101室')
  await fill(page, 'entity.investor', '李明')
  await fill(page, 'entity.legalRep', '李明')
  await person(page, 'entity.person', {
    name: '李明', idTypeLabel: '居民身份证', idNumber: '110105198511204021', start: '2016-03-01', end: '2036-03-01',
    mobile: '13800138000', officePhone: '010-62345678', email: 'liming@yunfan-tech.cn',
  })
  await saved(page)
  // Findings arrive with the save's answer: wait (as long as any other wait
  // here) for the last answer to clear them; if it never does, the assertion
  // below names what is left.
  await page
    .waitForFunction(() => !document.querySelector('[data-field^="entity."] [data-testid="field-finding"]'), null, { timeout: 30000 })
    .catch(() => {})
  const entityFindings = await page.locator('[data-field^="entity."]:has([data-testid="field-finding"])').evaluateAll((els) =>
    els.map((e) => `${e.getAttribute('data-field')}: ${e.querySelector('[data-testid="field-finding"]').getAttribute('data-rule')}`),
  )
  assert.deepEqual(entityFindings, [])
  await page.screenshot({ path: join(artifacts, 'wizard-2-entity.png') })

  // 3. Websites
  await page.getByTestId('next').click()
  await page.getByTestId('form-websites').waitFor()
  await fill(page, 'websites.0.name', '云帆科技官方网站')
  await choose(page, 'websites.0.cloudService', '云服务器')
  await fill(page, 'websites.0.ip', '49.232.10.21')
  await choose(page, 'websites.0.serviceContent', '单位门户网站')
  await page.getByTestId('website-0').getByRole('checkbox', { name: '以上都不涉及' }).click()
  await page.getByTestId('add-website').click()
  await page.getByTestId('website-1').waitFor()
  assert.match(await page.getByTestId('website-count').innerText(), /^2 \//)
  await fill(page, 'websites.1.name', '云帆产品技术文档中心')
  await page.getByTestId('website-1').locator('input[placeholder="example.com"]').first().fill('yunfandocs.com')
  await choose(page, 'websites.1.cloudService', '云服务器')
  await fill(page, 'websites.1.ip', '49.232.10.21')
  await choose(page, 'websites.1.serviceContent', '其他')
  await choose(page, 'websites.1.languages', '英语')
  await page.getByTestId('website-1').getByRole('checkbox', { name: '以上都不涉及' }).click()
  await page.getByTestId('website-1').locator('.n-switch').click()
  await person(page, 'websites.1.person', {
    name: '王芳', idTypeLabel: '居民身份证', idNumber: '110108199003071238', start: '2019-05-20', end: '2039-05-20',
    mobile: '13911112222', officePhone: '010-62345679', email: 'wangfang@yunfan-tech.cn',
  })
  await fill(page, 'websites.1.remark', '本网站为本公司产品的技术文档与使用说明，不含交互功能。')
  await saved(page)
  await page.screenshot({ path: join(artifacts, 'wizard-3-websites.png'), fullPage: true })

  // 5. Review: nothing blocks.
  await step(page, 'review')
  await saved(page)
  const blocking = await page.locator('.sev.block').allInnerTexts()
  assert.equal(blocking.length, 0, `blocking findings left: ${await page.getByTestId('findings-panel').innerText()}`)
  await page.getByTestId('ready-hint').waitFor()
  // Each website keeps its own identity: one 核验单 per domain.
  // (The checklist list loads after the step shows: wait for it, then compare.)
  await page.getByTestId('checklist-file').filter({ hasText: '核验单_' }).first().waitFor()
  assert.deepEqual(await page.getByTestId('checklist-file').allInnerTexts(), ['核验单_yunfan-tech.cn.pdf', '核验单_yunfandocs.com.pdf'])
  for (const s of ['type', 'entity', 'websites']) assert.equal(await page.getByTestId(`step-${s}`).getAttribute('data-state'), 'done', s)
  // Let the step colours finish their transition before the picture (the condition, not a fixed time).
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => {}))))
  await page.screenshot({ path: join(artifacts, 'wizard-5-review.png') })

  // The draft is in the workspace: the list shows it with its entity and domain.
  await home(page)
  const row = page.getByTestId('application-row').first()
  await row.waitFor()
  assert.match(await row.innerText(), /北京云帆科技有限公司[\s\S]*yunfan-tech\.cn[\s\S]*首次备案/)
  // Nothing blocks, but the photos and the two checklists are still to do.
  const todo = row.getByTestId('row-missing')
  assert.match(await todo.getAttribute('data-summary'), /^\d+ 张照片待上传，2 份核验单待生成，\d+ 项手工核对待确认$/)
  // On one line: icons with counts; the sentences on hover.
  assert.equal(await todo.locator('[data-kind="checklists"]').getAttribute('data-count'), '2')
  const box = await todo.boundingBox()
  assert.ok(box && box.height < 24, `待处理 wraps: ${JSON.stringify(box)}`)
  await todo.hover()
  await page.locator('.n-tooltip').filter({ hasText: '2 份核验单待生成' }).waitFor()
  assert.deepEqual(app.pageErrors, [])
})

test('an individual in Guangdong goes from nothing to ready', async () => {
  const { page } = app
  await newApplication(page, '陈晓东')
  await page.getByTestId('answers.goal-file').click()
  await answer(page, 'answers.entityFiled', false)
  await answer(page, 'answers.domainFiled', false)
  await fill(page, 'entity.certNumber', '44030519920815211X')
  await fill(page, 'websites.0.domains.0', 'xiaodongfoto.cn')
  await page.getByTestId('type-result-type').filter({ hasText: '首次备案' }).waitFor()

  await page.getByTestId('next').click()
  await page.getByTestId('form-entity').waitFor()
  await choose(page, 'entity.province', '广东省')
  await fill(page, 'entity.city', '深圳市')
  await fill(page, 'entity.district', '南山区')
  await choose(page, 'entity.nature', '个人')
  // The number typed on the type step is an 18-digit resident ID: 居民身份证 is picked already.
  assert.match(await page.locator('[data-field="entity.certType"] .n-base-selection').innerText(), /居民身份证/)
  // An individual: no investor or legal representative, the name is the person's own.
  await page.locator('[data-field="entity.investor"]').waitFor({ state: 'detached' })
  await page.locator('[data-field="entity.legalRep"]').waitFor({ state: 'detached' })
  assert.match(await page.locator('[data-field="entity.name"]').innerText(), /姓名/)
  await fill(page, 'entity.name', '陈晓东')
  await fill(page, 'entity.certAddress', '广东省深圳市南山区科技园路1号')
  await fill(page, 'entity.address', '广东省深圳市南山区科技园路1号2栋301室')
  await person(page, 'entity.person', {
    name: '陈晓东', idTypeLabel: '居民身份证', idNumber: '44030519920815211X', start: '2015-08-01', end: '2035-08-01',
    mobile: '13712345678', email: 'chenxd@example.com',
  })
  await saved(page)

  await page.getByTestId('next').click()
  await page.getByTestId('form-websites').waitFor()
  assert.match(await page.getByTestId('website-count').innerText(), /^1 \/ 1/)
  assert.equal(await page.getByTestId('add-website').isDisabled(), true)
  await fill(page, 'websites.0.name', '晓东摄影笔记')
  await choose(page, 'websites.0.cloudService', '轻量应用服务器')
  await fill(page, 'websites.0.ip', '43.138.20.5')
  await choose(page, 'websites.0.serviceContent', '博客/个人空间')
  await page.getByTestId('website-0').getByRole('checkbox', { name: '以上都不涉及' }).click()
  await fill(page, 'websites.0.remark', '记录个人摄影作品与拍摄心得，不涉及经营性内容。')
  await saved(page)

  await step(page, 'review')
  await saved(page)
  const blocking = await page.locator('[data-testid="findings-panel"] .dot.block').count()
  assert.equal(blocking, 0, `blocking findings left: ${await page.getByTestId('findings-panel').innerText()}`)
  await page.getByTestId('ready-hint').waitFor()
  assert.equal(await page.getByTestId('step-websites').getAttribute('data-state'), 'done')
  // Let the step colours finish their transition before the picture (the condition, not a fixed time).
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => {}))))
  await page.screenshot({ path: join(artifacts, 'wizard-individual-review.png') })
  assert.deepEqual(app.pageErrors, [])
})

test('invalid input shows the rule message at the field, in zh-CN and in en', async () => {
  const { page } = app
  await newApplication(page, '错误示例')
  await fill(page, 'entity.certNumber', '91110000600037341M')
  const finding = page.locator('[data-field="entity.certNumber"] [data-testid="field-finding"][data-rule="id.uscc.check_char"]')
  await finding.first().waitFor()
  assert.match(await finding.first().innerText(), /统一社会信用代码校验位不符/)

  await fill(page, 'websites.0.domains.0', 'not a domain')
  await page.locator('[data-field="websites.0.domains.0"] [data-testid="field-finding"]').first().waitFor()

  await page.getByTestId('language-switch').click()
  await page.getByText('English', { exact: true }).click()
  await page.getByText('Application type', { exact: true }).first().waitFor()
  await page.locator('.n-base-select-menu').waitFor({ state: 'hidden' }) // the menu closed
  assert.match(await finding.first().innerText(), /USCC check character does not match/)
  await page.screenshot({ path: join(artifacts, 'wizard-invalid-en.png') })
  // The typed values were kept.
  assert.equal(await page.locator('[data-path="entity.certNumber"]').inputValue(), '91110000600037341M')

  await page.getByTestId('language-switch').click()
  await page.getByText('简体中文', { exact: true }).click()
  await page.getByText('备案类型', { exact: true }).first().waitFor()
})

test('restarting the app mid-way resumes the same application and step intact', async () => {
  let { page } = app
  await newApplication(page, '重启测试')
  await page.getByTestId('answers.goal-file').click()
  await answer(page, 'answers.entityFiled', false)
  await answer(page, 'answers.domainFiled', false)
  await page.getByTestId('next').click()
  await page.getByTestId('form-entity').waitFor()
  await fill(page, 'entity.name', '上海重启测试有限公司')
  await fill(page, 'entity.address', '上海市浦东新区世纪大道100号')
  // Leave no time for a debounce: the blur and the step change must save.
  await saved(page)

  await app.stopKeepingWorkspace()
  app = await startApp({ workspaceDir: app.workspaceDir })
  page = app.page
  await page.getByTestId('form-entity').waitFor()
  assert.equal(await page.locator('[data-path="entity.name"]').inputValue(), '上海重启测试有限公司')
  assert.equal(await page.locator('[data-path="entity.address"]').inputValue(), '上海市浦东新区世纪大道100号')
  assert.match(await page.getByTestId('app-title').innerText(), /上海重启测试有限公司/)
})

test('every step fits the minimum window size (1024×700) without sideways scrolling', async () => {
  const { page } = app
  await page.setViewportSize({ width: 1024, height: 700 })
  try {
    for (const s of ['type', 'entity', 'websites', 'materials', 'review']) {
      await step(page, s)
      const overflow = await page.evaluate(() => {
        const wide = [...document.querySelectorAll('body *')].filter((el) => {
          const r = el.getBoundingClientRect()
          return r.width > 0 && r.right > window.innerWidth + 1
        })
        return { page: document.documentElement.scrollWidth - window.innerWidth, wide: wide.slice(0, 3).map((e) => e.className) }
      })
      assert.ok(overflow.page <= 0 && overflow.wide.length === 0, `step ${s} overflows: ${JSON.stringify(overflow)}`)
      await page.screenshot({ path: join(artifacts, `wizard-min-${s}.png`) })
    }
  } finally {
    await page.setViewportSize({ width: 1280, height: 800 })
  }
})

test('a saved revision compares field by field with the current draft', async () => {
  const { page } = app
  await newApplication(page, '版本测试')
  await step(page, 'entity')
  await fill(page, 'entity.name', '杭州旧名称有限公司')
  await saved(page)
  await page.getByTestId('open-revisions').click()
  await page.getByTestId('save-revision').click()
  await page.getByTestId('revision').first().waitFor()
  await page.keyboard.press('Escape')
  await fill(page, 'entity.name', '杭州新名称有限公司')
  await saved(page)
  await page.getByTestId('open-revisions').click()
  await page.getByTestId('revision').first().getByRole('button').click()
  const changes = page.getByTestId('revision-changes')
  await changes.waitFor()
  const text = await changes.innerText()
  assert.match(text, /主办单位名称[\s\S]*杭州旧名称有限公司[\s\S]*杭州新名称有限公司/)
  await page.screenshot({ path: join(artifacts, 'wizard-revisions.png') })
  await page.keyboard.press('Escape')
})

test('keyboard: Enter moves to the next field, Ctrl+→ to the next step', async () => {
  const { page } = app
  await newApplication(page, '键盘测试')
  await step(page, 'entity')
  await page.locator('[data-path="entity.name"]').click()
  await page.keyboard.type('键盘有限公司')
  await page.keyboard.press('Enter')
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-path')), 'entity.certAddress')
  await page.keyboard.press('Control+ArrowRight')
  await page.getByTestId('form-websites').waitFor()
  await page.keyboard.press('Control+s')
  await saved(page)
})
