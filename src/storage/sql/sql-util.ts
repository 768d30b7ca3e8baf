/**
 * @module Small helpers every SQL repository module shares: JSON columns, nullable reads, placeholder lists,
 * chunked IN lists, WHERE clauses built from optional filters, and fresh ids.
 */
import { randomBytes } from 'node:crypto'
import type { SqlValue } from './executor.js'

/** Rows per IN (...) list, well under both drivers' parameter limits. */
export const IN_CHUNK = 500

/** The time a change is recorded at, as an ISO 8601 string. */
export const now = (): string => new Date().toISOString()
/** A structured value as the JSON text its column stores. */
export const json = (v: unknown): string => JSON.stringify(v)
/** A JSON text column read back. */
export const parse = <T>(v: unknown): T => JSON.parse(String(v)) as T
/** A nullable text column read back. */
export const str = (v: unknown): string | null => (v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v))
/** A nullable integer column read back (PostgreSQL returns bigints as strings). */
export const int = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v))
/** `n` placeholders for an IN list or a VALUES row. */
export const marks = (n: number): string => Array.from({ length: n }, () => '?').join(', ')

/** Random bytes drawn 4 KiB at a time: a bulk import makes an id per row, and one system call each showed in profiles. */
let pool = Buffer.alloc(0)
let poolAt = 0
function randomHex(bytes: number): string {
  if (poolAt + bytes > pool.length) {
    pool = randomBytes(4096)
    poolAt = 0
  }
  poolAt += bytes
  return pool.toString('hex', poolAt - bytes, poolAt)
}

/** A fresh id with a time prefix, so ids made later sort later (handy in logs and ties). */
export function newId(prefix: string): string {
  return `${prefix}${Date.now().toString(36).padStart(9, '0')}${randomHex(6)}`
}

/** `xs` in consecutive parts of at most `n`. */
export function chunks<T>(xs: readonly T[], n: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n))
  return out
}

/**
 * A WHERE clause built from optional filter fields: each condition carries its own values, so placeholders and
 * parameters cannot drift apart, and a field left undefined adds nothing.
 */
export class Where {
  private readonly conditions: string[] = []
  /** The values of the placeholders, in the order they appear. */
  readonly params: SqlValue[] = []

  /** Adds a condition with the values of its placeholders. */
  add(condition: string, ...values: readonly SqlValue[]): this {
    this.conditions.push(condition)
    this.params.push(...values)
    return this
  }

  /** Adds a condition of one placeholder when its value is defined. */
  optional(condition: string, value: SqlValue | undefined): this {
    return value === undefined ? this : this.add(condition, value)
  }

  /** Adds `column = ?` when the value is defined. */
  eq(column: string, value: SqlValue | undefined): this {
    return this.optional(`${column} = ?`, value)
  }

  /** Adds `column IN (...)`; an empty list matches nothing. */
  in(column: string, values: readonly SqlValue[]): this {
    return values.length === 0 ? this.add('1 = 0') : this.add(`${column} IN (${marks(values.length)})`, ...values)
  }

  /** The conditions joined by AND, without the keyword ('' when there are none). */
  get conditionsSql(): string {
    return this.conditions.join(' AND ')
  }

  /** `WHERE ...`, or '' when there are no conditions. */
  get sql(): string {
    return this.conditions.length === 0 ? '' : `WHERE ${this.conditionsSql}`
  }
}
