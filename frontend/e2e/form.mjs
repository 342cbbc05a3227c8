// Helpers that fill the wizard the way a clerk does: click, type, pick.
export async function fill(page, path, value) {
  const input = page.locator(`[data-path="${path}"]`).first()
  await input.click()
  await input.fill(value)
  await input.blur()
}

export async function choose(page, path, label) {
  const item = page.locator(`[data-field="${path}"]`).first()
  await item.locator('.n-base-selection').first().click()
  // A filterable select (the province list) is long and virtual: type to filter, as a clerk does.
  if (await item.locator('input.n-base-selection-input').count()) await page.keyboard.type(label)
  await page.locator('.n-base-select-option', { hasText: label }).filter({ visible: true }).first().click()
  // Close a multiple select's menu.
  await page.keyboard.press('Escape')
}

export async function answer(page, path, yes) {
  await page.getByTestId(`${path}-${yes ? 'yes' : 'no'}`).click()
}

export async function date(page, path, value) {
  const input = page.locator(`[data-field="${path}"] input`).first()
  await input.click()
  await input.fill(value)
  await input.press('Enter')
  await page.keyboard.press('Escape')
}

export async function step(page, name) {
  await page.getByTestId(`step-${name}`).click()
  await page.getByTestId(`form-${name}`).waitFor()
}

/** Waits until every change is saved (the indicator says 已保存/Saved). */
export async function saved(page) {
  await page.locator('[data-testid="save-state"][data-state="saved"]').waitFor({ timeout: 10000 })
}

export async function person(page, prefix, p) {
  await fill(page, `${prefix}.name`, p.name)
  await choose(page, `${prefix}.idType`, p.idTypeLabel)
  await fill(page, `${prefix}.idNumber`, p.idNumber)
  await date(page, `${prefix}.idValidity.start`, p.start)
  await date(page, `${prefix}.idValidity.end`, p.end)
  await fill(page, `${prefix}.mobile`, p.mobile)
  if (p.officePhone) await fill(page, `${prefix}.officePhone`, p.officePhone)
  await fill(page, `${prefix}.email`, p.email)
}

/** The applications list, from wherever the app is. */
export async function goHome(page) {
  await page.locator('[data-testid="nav"] .n-menu-item').first().click()
  await page.getByTestId('new-application').waitFor()
}

/** Opens an application from the list by its id. */
export async function openFromList(page, id) {
  await goHome(page)
  const row = page.locator(`[data-testid="application-row"][data-id="${id}"]`)
  await row.waitFor()
  await row.getByRole('button', { name: /^(打开|Open)$/ }).click()
  await page.getByTestId('steps').waitFor()
}

/** A turned ID card on a dark table, drawn in the page; returns JPEG bytes. */
export async function cardJpeg(page) {
  const b64 = await page.evaluate(() => {
    const c = document.createElement('canvas')
    c.width = 2400
    c.height = 1800
    const g = c.getContext('2d')
    g.fillStyle = '#4a3828'
    g.fillRect(0, 0, c.width, c.height)
    g.translate(1200, 900)
    g.rotate((4 * Math.PI) / 180)
    g.fillStyle = '#e4ecf2'
    g.fillRect(-750, -473, 1500, 946)
    g.fillStyle = '#1f2a44'
    g.font = 'bold 54px sans-serif'
    g.fillText('公民身份号码 110105198511204021', -680, 300)
    return c.toDataURL('image/jpeg', 0.92).split(',')[1]
  })
  return Buffer.from(b64, 'base64')
}
