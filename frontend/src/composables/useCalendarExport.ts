import { useI18n } from 'vue-i18n'
import { useMessage } from 'naive-ui'
import { submitApi } from '../api'
import { calendarEntries, type CalendarSource } from '../lib/calendar'
import { approxKey, formatDue } from '../lib/deadline'
import { useErrorToast } from './useErrorToast'
import { useSubmitText } from './useSubmitText'

/** Exports deadlines as an .ics file through the save dialog, and says where it went. */
export function useCalendarExport() {
  const { t } = useI18n()
  const message = useMessage()
  const fail = useErrorToast()
  const text = useSubmitText()
  return async (name: string, list: CalendarSource[]) => {
    if (!list.length) {
      message.info(t('submitUi.calendarNone'))
      return
    }
    const entries = calendarEntries(list, text, (k, p) => t(k, p ?? {}), formatDue, (d) => (approxKey(d) ? t(approxKey(d)) : ''))
    try {
      const res = await submitApi.exportCalendar(name, entries)
      if (!res.cancelled) message.success(t('submitUi.calendarSaved', { n: res.events, path: res.path }))
    } catch (err) {
      fail(err)
    }
  }
}
