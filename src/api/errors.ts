/** @module Maps errors to HTTP statuses and the `{error: {code, message}}` body: the only place the API picks either. */
import { DomainError, type ErrorCode } from '../domain/errors.js'

/** HTTP status per error code. */
export const HTTP_STATUS: Readonly<Record<ErrorCode, 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 503 | 507>> = {
  invalid_value: 400,
  invalid_input: 400,
  not_found: 404,
  conflict: 409,
  unsupported_format: 415,
  too_large: 413,
  unreadable_document: 422,
  schema_too_new: 503,
  store_unreachable: 503,
  database_unavailable: 503,
  storage_full: 507,
  config_invalid: 500,
  unauthenticated: 401,
  forbidden: 403,
  rate_limited: 429,
  timeout: 503,
  // Only `reckon serve` meets it, before the API exists.
  port_in_use: 500,
  internal_error: 500,
}

/** The JSON body of every error response. `field` names the offending request field when there is one. */
export interface ErrorBody {
  readonly error: { readonly code: ErrorCode; readonly message: string; readonly field?: string }
}

/** What an error becomes on the wire. */
export interface HttpError {
  readonly status: (typeof HTTP_STATUS)[ErrorCode]
  readonly body: ErrorBody
  /** True for unexpected errors, which the caller should log (the client only sees `internal_error`). */
  readonly unexpected: boolean
}

/**
 * Turns any thrown value into a status and body. Domain errors keep their code and message (which never carry
 * secrets); anything else becomes `internal_error` with a fixed message, so stacks and driver text never leak.
 */
export function toHttpError(e: unknown): HttpError {
  if (e instanceof DomainError) {
    const field = typeof e.details?.field === 'string' ? e.details.field : undefined
    const error = field === undefined ? { code: e.code, message: e.message } : { code: e.code, message: e.message, field }
    return { status: HTTP_STATUS[e.code], body: { error }, unexpected: e.code === 'internal_error' }
  }
  return { status: 500, body: { error: { code: 'internal_error', message: 'internal error' } }, unexpected: true }
}

/** A request that does not match its schema; `field` is a dotted path such as `body.reason` or `query.limit`. */
export function badRequest(field: string, message: string): DomainError {
  return new DomainError('invalid_input', `${field}: ${message}`, { details: { field } })
}
