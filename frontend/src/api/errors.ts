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

/** Normalises whatever a binding rejected with into an ApiError. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err
  if (isShape(err)) return new ApiError(err)
  if (typeof err === 'string') {
    try {
      const parsed: unknown = JSON.parse(err)
      if (isShape(parsed)) return new ApiError(parsed)
    } catch {
      /* not JSON: fall through */
    }
  }
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
