// Errors from Go arrive as {code, field, params} (app/errors.go); anything else
// (a broken bridge, a JS exception) becomes code "internal".
export interface ApiErrorShape {
  code: string
  field?: string
  params?: Record<string, unknown>
}

export class ApiError extends Error {
  readonly code: string
  readonly field: string
  readonly params: Record<string, unknown>

  constructor(shape: ApiErrorShape) {
    super(shape.code)
    this.name = 'ApiError'
    this.code = shape.code
    this.field = shape.field ?? ''
    this.params = shape.params ?? {}
  }

  /** The i18n key of the user-facing message. */
  get messageKey(): string {
    return `errors.${this.code}`
  }
}

function isShape(x: unknown): x is ApiErrorShape {
  return typeof x === 'object' && x !== null && typeof (x as ApiErrorShape).code === 'string'
}

function parseShape(text: string): ApiErrorShape | null {
  try {
    const parsed: unknown = JSON.parse(text)
    return isShape(parsed) ? parsed : null
  } catch {
    return null
  }
}

/**
 * Normalises whatever a binding rejected with into an ApiError. The Wails
 * runtime rejects with new Error(<JSON text from app/errors.go>).
 */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err
  if (isShape(err)) return new ApiError(err)
  const shape =
    typeof err === 'string' ? parseShape(err) : err instanceof Error ? parseShape(err.message) : null
  if (shape) return new ApiError(shape)
  const detail = err instanceof Error ? err.message : String(err)
  return new ApiError({ code: 'internal', params: { detail } })
}

/** Calls a binding and turns its failure into an ApiError. */
export async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (err) {
    throw toApiError(err)
  }
}
