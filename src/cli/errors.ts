/** @module Maps errors to exit codes and one-line messages: the only place the CLI decides either. */
import { DomainError, type ErrorCode } from '../domain/errors.js'

/** Exit codes, after sysexits(3) where one fits. */
const EXIT: Record<ErrorCode, number> = {
  invalid_value: 65,
  invalid_input: 64,
  not_found: 66,
  conflict: 75,
  unsupported_format: 65,
  too_large: 65,
  unreadable_document: 65,
  schema_too_new: 78,
  store_unreachable: 69,
  database_unavailable: 69,
  storage_full: 74,
  config_invalid: 78,
  unauthenticated: 77,
  forbidden: 77,
  rate_limited: 75,
  timeout: 75,
  port_in_use: 69,
  internal_error: 70,
}

/** Exit code for an error: a DomainError by its code, anything else 70 (internal). */
export function toExitCode(e: unknown): number {
  return e instanceof DomainError ? EXIT[e.code] : 70
}

/** The message a user sees: domain errors as they are, unknown errors as a short line with no stack. */
export function toMessage(e: unknown, debug = false): string {
  if (e instanceof DomainError) return `reckon: ${e.message}`
  if (debug && e instanceof Error && e.stack) return `reckon: internal error\n${e.stack}`
  return `reckon: internal error: ${e instanceof Error ? e.message : String(e)}`
}
