import { useI18n } from 'vue-i18n'
import { useMessage } from 'naive-ui'
import { toApiError } from '../api'

/** Shows any failure from the API as a toast in the user's language: the
 *  specific reason when the error names one (params.reason), else its code's message. */
export function useErrorToast() {
  const { t, te } = useI18n()
  const message = useMessage()
  return (err: unknown) => {
    const e = toApiError(err)
    const reason = typeof e.params.reason === 'string' ? `errorReasons.${e.params.reason}` : ''
    message.error(reason && te(reason) ? t(reason, e.params) : t(e.messageKey, e.params), { duration: reason ? 10000 : 3000 })
  }
}
