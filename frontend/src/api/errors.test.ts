import { describe, expect, it } from 'vitest'
import { ApiError, call, toApiError } from './errors'

describe('toApiError', () => {
  it('keeps the code, field and params of a Go error', () => {
    const e = toApiError({ code: 'invalid', field: 'language', params: { value: 'fr' } })
    expect(e).toBeInstanceOf(ApiError)
    expect(e.code).toBe('invalid')
    expect(e.field).toBe('language')
    expect(e.params).toEqual({ value: 'fr' })
    expect(e.messageKey).toBe('errors.invalid')
  })

  it('parses a JSON string, as some bridges deliver it', () => {
    expect(toApiError('{"code":"locked","field":"","params":{}}').code).toBe('locked')
  })

  it('parses the JSON message of the Error the Wails runtime rejects with', () => {
    const e = toApiError(new Error('{"code":"too_new","field":"","params":{"version":3}}'))
    expect(e.code).toBe('too_new')
    expect(e.params).toEqual({ version: 3 })
  })

  it('turns anything else into an internal error with the detail', () => {
    const e = toApiError(new TypeError("Cannot read properties of undefined (reading 'app')"))
    expect(e.code).toBe('internal')
    expect(String(e.params.detail)).toContain('Cannot read')
  })

  it('call rejects with an ApiError', async () => {
    await expect(call(() => Promise.reject({ code: 'not_found' }))).rejects.toMatchObject({ code: 'not_found' })
  })
})
