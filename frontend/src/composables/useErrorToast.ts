import { useI18n } from 'vue-i18n'
import { useMessage } from 'naive-ui'
import { toApiError } from '../api'

/** Turns any API failure into a sentence in the user's language: the
 *  specific reason when the error names one (params.reason), else its code's message. */
export function useErrorText() {
  const { t, te } = useI18n()
  return (err: unknown): string => {
    const e = toApiError(err)
    const reason = typeof e.params.reason === 'string' ? `errorReasons.${e.params.reason}` : ''
    return reason && te(reason) ? t(reason, e.params) : t(e.messageKey, e.params)
  }
}

/** Shows any failure from the API as a toast in the user's language. */
export function useErrorToast() {
  const text = useErrorText()
  const message = useMessage()
  return (err: unknown) => {
    const e = toApiError(err)
    message.error(text(e), { duration: e.params.reason || e.code === 'disk_full' ? 10000 : 3000 })
  }
}
