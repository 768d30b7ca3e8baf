/** @module Domain errors with stable codes; edges (CLI, API) map codes to exit codes and HTTP statuses once. */

/** Every error code Reckon can report. Codes are stable: clients and scripts may rely on them. */
export const ERROR_CODES = [
  'invalid_value',
  'invalid_input',
  'not_found',
  'conflict',
  'unsupported_format',
  'too_large',
  'unreadable_document',
  'schema_too_new',
  'store_unreachable',
  'database_unavailable',
  'storage_full',
  'config_invalid',
  'unauthenticated',
  'forbidden',
  'rate_limited',
  'timeout',
  'port_in_use',
  'internal_error',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

/** Base class of all expected failures. `details` carries structured context (field names, ids), never secrets. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown; details?: Readonly<Record<string, unknown>> },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    this.name = new.target.name
    this.details = options?.details
  }
  readonly details: Readonly<Record<string, unknown>> | undefined
}

/** A value broke a domain rule; `field` names the offending field (dotted path). */
export class InvalidValue extends DomainError {
  constructor(
    readonly field: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super('invalid_value', `${field}: ${message}`, { ...options, details: { field } })
  }
}

/** A lookup found nothing. */
export class NotFound extends DomainError {
  constructor(entity: string, id: string) {
    super('not_found', `${entity} ${id} not found`, { details: { entity, id } })
  }
}

/** True when `e` is a DomainError with the given code. */
export function hasCode(e: unknown, code: ErrorCode): e is DomainError {
  return e instanceof DomainError && e.code === code
}
