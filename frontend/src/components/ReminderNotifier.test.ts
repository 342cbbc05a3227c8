import { beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, nextTick } from 'vue'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { NNotificationProvider } from 'naive-ui'
const notify = vi.hoisted(() => vi.fn())
vi.mock('../api', async (orig) => {
  const real = await orig<typeof import('../api')>()
  return { ...real, system: { ...real.system, notify } }
})

import ReminderNotifier from './ReminderNotifier.vue'
import { i18n } from '../i18n'
import { useDueStore } from '../stores/due'
import type { Countdown, DueItem } from '../api'

const hour = 3600 * 1000
// The countdown is Go's (submit.CountdownTo); the notifier only words it.
function item(kind: string, dueIn: number, countdown: Countdown): DueItem {
  const due = new Date(Date.now() + dueIn).toISOString()
  return {
    applicationId: 1, clientName: '云帆', entityName: '北京云帆科技有限公司', primaryDomain: 'yunfan-tech.cn', status: 'approved',
    deadline: { kind, start: due, due, overdue: dueIn < 0, approximate: false, unit: 'days', countdown, params: { days: 30, domain: 'yunfan-tech.cn' } },
  }
}

async function show(items: DueItem[]): Promise<string> {
  const Host = defineComponent({ render: () => h(NNotificationProvider, null, { default: () => h(ReminderNotifier) }) })
  const w = mount(Host, { global: { plugins: [i18n] }, attachTo: document.body })
  const due = useDueStore()
  due.reminders = items
  due.remindAt = Date.now()
  await nextTick()
  // Wait for the notification to be rendered (a fixed 50 ms sleep was too
  // short on a busy machine): the condition, with room for a slow mount.
  await vi.waitFor(
    () => {
      if (!document.querySelector('.n-notification')?.textContent?.includes('备案事项')) throw new Error('no reminder shown yet')
    },
    { timeout: 15_000, interval: 20 },
  )
  const text = document.body.textContent ?? ''
  w.unmount()
  return text
}

describe('ReminderNotifier', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    i18n.global.locale.value = 'zh-CN'
    document.body.innerHTML = ''
  })

  it('calls a duty due since this morning due, not overdue', async () => {
    const text = await show([item('submit.deadline.footer', -2 * hour, { key: 'due', n: 0, unit: 'days' })])
    expect(text).toContain('1 项备案事项需要处理')
    expect(text).not.toContain('已逾期')
    expect(text).toContain('悬挂备案号')
    expect(text).toContain('已到期')
  })

  it('counts the duties more than a day late as overdue', async () => {
    const text = await show([item('submit.deadline.footer', -50 * hour, { key: 'overdue', n: 2, unit: 'days' }), item('submit.deadline.psb_filing', 40 * hour, { key: 'left', n: 2, unit: 'days' })])
    expect(text).toContain('2 项备案事项即将到期（1 项已逾期）')
    expect(text).toContain('已逾期 2 天')
    expect(text).toContain('还剩 2 天')
  })
})

describe('OS notification', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    i18n.global.locale.value = 'zh-CN'
    notify.mockReset()
  })

  it('tells the OS about each deadline that fell due while the app ran', async () => {
    const w = mount(defineComponent({ render: () => h(NNotificationProvider, null, { default: () => h(ReminderNotifier) }) }), { global: { plugins: [i18n] } })
    const due = useDueStore()
    due.fallen = [item('submit.deadline.psb_filing', hour, { key: 'today', n: 0, unit: 'days' })]
    await vi.waitFor(() => expect(notify).toHaveBeenCalledTimes(1))
    expect(notify.mock.calls[0][0]).toBe('ICP Desk：备案时限到期')
    expect(notify.mock.calls[0][1]).toContain('北京云帆科技有限公司')
    expect(notify.mock.calls[0][1]).toContain('今天到期')
    // Without a notification service the in-app reminder is all there is: no error surfaces.
    notify.mockRejectedValue(new Error('no D-Bus'))
    due.fallen = [item('submit.deadline.footer', hour, { key: 'today', n: 0, unit: 'days' })]
    await vi.waitFor(() => expect(notify).toHaveBeenCalledTimes(2))
    w.unmount()
  })

  it('words the OS notification with the English punctuation in English', async () => {
    i18n.global.locale.value = 'en'
    const w = mount(defineComponent({ render: () => h(NNotificationProvider, null, { default: () => h(ReminderNotifier) }) }), { global: { plugins: [i18n] } })
    useDueStore().fallen = [item('submit.deadline.psb_filing', hour, { key: 'today', n: 0, unit: 'days' })]
    await vi.waitFor(() => expect(notify).toHaveBeenCalledTimes(1))
    const [title, body] = notify.mock.calls[0] as [string, string]
    expect(body).toMatch(/^北京云帆科技有限公司: .+ \(.+\)$/)
    for (const s of [title, body]) expect(s).not.toMatch(/[：（）；、]/)
    w.unmount()
  })
})
