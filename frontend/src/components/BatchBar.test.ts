import { describe, expect, it, vi, beforeEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { NMessageProvider } from 'naive-ui'

const api = vi.hoisted(() => {
  const listeners: ((p: { done: number; total: number }) => void)[] = []
  return {
    listeners,
    checklist: {
      batch: vi.fn(),
      cancelBatch: vi.fn(),
      onProgress: (fn: (p: { done: number; total: number }) => void) => {
        listeners.push(fn)
        return () => {}
      },
    },
    submitApi: { exportPackages: vi.fn(), cancelExport: vi.fn(), onProgress: () => () => {} },
  }
})
vi.mock('../api', async (orig) => ({ ...(await orig<typeof import('../api')>()), checklist: api.checklist, submitApi: api.submitApi }))

import BatchBar from './BatchBar.vue'
import { i18n } from '../i18n'

function mountBar(ids: number[]) {
  const Host = defineComponent({ setup: () => () => h(NMessageProvider, null, { default: () => h(BatchBar, { ids }) }) })
  return mount(Host, { global: { plugins: [i18n] }, attachTo: document.body })
}

describe('BatchBar', () => {
  beforeEach(() => {
    vi.resetAllMocks()
    api.listeners.length = 0
    i18n.global.locale.value = 'zh-CN'
  })

  it('prints the checklists of the chosen applications as one PDF and shows progress', async () => {
    let finish!: (v: unknown) => void
    api.checklist.batch.mockImplementation(() => new Promise((r) => (finish = r)))
    const w = mountBar([3, 5])
    expect(w.text()).toContain('已选 2 个申请')
    await w.find('[data-testid="batch-print"]').trigger('click')
    expect(api.checklist.batch).toHaveBeenCalledWith([3, 5], true)
    api.listeners.forEach((fn) => fn({ done: 1, total: 2 }))
    await flushPromises()
    expect(document.body.textContent).toContain('1 / 2')
    finish({ applications: 2, websites: 3, files: ['/tmp/核验单_合并.pdf'], folder: '/tmp', draft: false, cancelled: false, findings: [] })
    await flushPromises()
    expect(document.body.textContent).toContain('已生成 3 个网站的核验单')
    w.unmount()
  })

  it('cancel asks Go to stop the running batch', async () => {
    let finish!: (v: unknown) => void
    api.checklist.batch.mockImplementation(() => new Promise((r) => (finish = r)))
    const w = mountBar([1])
    await w.find('[data-testid="batch-print"]').trigger('click')
    api.listeners.forEach((fn) => fn({ done: 1, total: 3 }))
    await flushPromises()
    const cancel = document.body.querySelector<HTMLButtonElement>('[data-testid="batch-cancel"]')
    expect(cancel).not.toBeNull()
    cancel!.click()
    await flushPromises()
    expect(api.checklist.cancelBatch).toHaveBeenCalled()
    finish({ applications: 1, websites: 1, files: [], folder: '', draft: false, cancelled: true, findings: [] })
    await flushPromises()
    expect(document.body.textContent).toContain('已取消')
    w.unmount()
  })
})
