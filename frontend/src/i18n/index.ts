import { createI18n } from 'vue-i18n'
import zhCN from './zh-CN.json'
import en from './en.json'

export const LANGUAGES = ['zh-CN', 'en'] as const
export type Language = (typeof LANGUAGES)[number]
export const DEFAULT_LANGUAGE: Language = 'zh-CN'

export function isLanguage(x: unknown): x is Language {
  return typeof x === 'string' && (LANGUAGES as readonly string[]).includes(x)
}

type MessageTable = Record<string, string>

// Rule, photo and checklist messages live in flat tables keyed by rule id
// ("rules.zh-CN.json" → {"id.uscc.check_char": "…"}). Rule ids contain dots,
// so they are kept out of vue-i18n's nested key paths and looked up whole.
const tables = import.meta.glob<MessageTable>('./*.*.json', { eager: true, import: 'default' })

export function findingTables(): Record<Language, MessageTable> {
  const out: Record<Language, MessageTable> = { 'zh-CN': {}, en: {} }
  for (const [path, table] of Object.entries(tables)) {
    const m = /\/[^/]+\.(zh-CN|en)\.json$/.exec(path)
    if (m && isLanguage(m[1])) Object.assign(out[m[1]], table)
  }
  return out
}

const findingMessages = findingTables()

const has = (params: Record<string, unknown>, name: string) => Object.prototype.hasOwnProperty.call(params, name)
const filled = (v: unknown) => v !== undefined && v !== null && String(v).trim() !== ''

/**
 * Fills {name} placeholders; unknown placeholders stay visible. A part in
 * square brackets is optional: "主办单位[（{entity}）]一致" drops "（…）" when
 * entity is missing or empty, so a message never shows a hole. (The Go test
 * TestRulesMessagesHaveNoHoles checks that every other placeholder is filled.)
 */
export function interpolate(template: string, params: Record<string, unknown> = {}): string {
  const optional = template.replace(/\[([^[\]]*)\]/g, (_, part: string) =>
    [...part.matchAll(/\{(\w+)\}/g)].every((m) => filled(params[m[1]])) ? part : '',
  )
  return optional.replace(/\{(\w+)\}/g, (whole, name: string) => (has(params, name) ? String(params[name]) : whole))
}

/** The message of a finding's rule id in lang, falling back to zh-CN, then to the id. */
export function findingMessage(lang: Language, rule: string, params?: Record<string, unknown>): string {
  const template = findingMessages[lang][rule] ?? findingMessages[DEFAULT_LANGUAGE][rule] ?? rule
  return interpolate(template, params)
}

// UI text of a feature may live in its own nested table, ui/<feature>.<lang>.json,
// merged into the main messages (so features do not all edit one file).
const uiTables = import.meta.glob<Record<string, unknown>>('./ui/*.json', { eager: true, import: 'default' })

export function uiMessages(lang: Language): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [path, table] of Object.entries(uiTables)) {
    if (path.endsWith(`.${lang}.json`)) Object.assign(out, table)
  }
  return out
}

export const i18n = createI18n({
  legacy: false,
  locale: DEFAULT_LANGUAGE,
  fallbackLocale: DEFAULT_LANGUAGE,
  messages: { 'zh-CN': { ...zhCN, ...uiMessages('zh-CN') }, en: { ...en, ...uiMessages('en') } },
})
