import { useI18n } from 'vue-i18n'
import { useMessage } from 'naive-ui'
import { toApiError } from '../api'

/** Shows any failure from the API as a toast in the user's language. */
export function useErrorToast() {
  const { t } = useI18n()
  const message = useMessage()
  return (err: unknown) => {
    const e = toApiError(err)
    message.error(t(e.messageKey, e.params))
  }
}
