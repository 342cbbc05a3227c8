import { createApp } from 'vue'
import { createPinia } from 'pinia'
import { createDiscreteApi } from 'naive-ui'
import App from './App.vue'
import { i18n } from './i18n'
import './style.css'

const app = createApp(App).use(createPinia()).use(i18n)

// A bug in a click handler must not pass silently: say so in the user's
// language (what they typed stays in the form and the save queue) and keep the
// details in the console for the log. The message's own small app is made at
// the first error, not before the first paint.
const discreteMessage = () => createDiscreteApi(['message']).message
let message: ReturnType<typeof discreteMessage> | undefined
app.config.errorHandler = (err, _vm, info) => {
  console.error(`[icpdesk] ${info}:`, err)
  message ??= discreteMessage()
  message.error(i18n.global.t('errors.internal'))
}
window.addEventListener('unhandledrejection', (e) => {
  console.error('[icpdesk] unhandled rejection:', e.reason)
})

app.mount('#app')
