import { describe, expect, it, vi, beforeEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import { defineComponent, h, ref } from 'vue'
import { NMessageProvider } from 'naive-ui'

const api = vi.hoisted(() => ({
  filing: { newApplication: vi.fn(), newWebsiteFrom: vi.fn() },
  workspace: { listClients: vi.fn(), listApplications: vi.fn() },
}))
vi.mock('../api', async (orig) => ({ ...(await orig<typeof import('../api')>()), filing: api.filing, workspace: api.workspace }))

import NewApplicationDialog from './NewApplicationDialog.vue'
import { i18n } from '../i18n'

async function open() {
  const show = ref(false)
  const Host = defineComponent({
    setup: () => () => h(NMessageProvider, null, { default: () => h(NewApplicationDialog, { show: show.value, 'onUpdate:show': (v: boolean) => (show.value = v) }) }),
  })
  const w = mount(Host, { global: { plugins: [i18n] }, attachTo: document.body })
  show.value = true
  await flushPromises()
  await vi.waitFor(() => expect(document.querySelector('[data-testid="entity-name"] input')).not.toBeNull())
  return w
}

const input = (id: string) => document.querySelector<HTMLInputElement>(`[data-testid="${id}"] input`)
function type(id: string, v: string) {
  const el = input(id)!
  el.value = v
  el.dispatchEvent(new Event('input'))
}
async function create() {
  document.querySelector<HTMLButtonElement>('[data-testid="create-application"]')!.click()
  await flushPromises()
}

describe('NewApplicationDialog', () => {
  beforeEach(() => {
    vi.resetAllMocks()
    document.body.innerHTML = ''
    i18n.global.locale.value = 'zh-CN'
    api.filing.newApplication.mockResolvedValue({ record: { id: 7 } })
  })

  it('asks an in-house clerk for the entity name only, and names the client after it', async () => {
    api.workspace.listClients.mockResolvedValue([])
    const w = await open()
    expect(document.querySelector('[data-testid="client-select"]')).toBeNull()
    type('entity-name', ' 深圳市云帆科技有限公司 ')
    await create()
    expect(api.filing.newApplication).toHaveBeenCalledWith(0, '', '深圳市云帆科技有限公司')
    w.unmount()
  }, 20_000)

  it('gives a client with nothing typed the default name, renamed once the entity is known', async () => {
    api.workspace.listClients.mockResolvedValue([])
    const w = await open()
    await create()
    expect(api.filing.newApplication).toHaveBeenCalledWith(0, '我的单位', '')
    w.unmount()
  }, 20_000)

  it("keeps an agency's own client and still carries the entity name", async () => {
    api.workspace.listClients.mockResolvedValue([{ id: 3, name: '青禾客户组', total: 0 }])
    const w = await open()
    expect(document.querySelector('[data-testid="client-select"]')).not.toBeNull()
    expect(input('client-name')).toBeNull() // the existing client is picked
    type('entity-name', '广州青禾文化传媒有限公司')
    await create()
    expect(api.filing.newApplication).toHaveBeenCalledWith(3, '', '广州青禾文化传媒有限公司')
    w.unmount()
  }, 20_000)
})
