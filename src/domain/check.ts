/** @module Small field validators used by the domain's constructors; each error names the field. */
import { InvalidValue } from './errors.js'
import { isOneOf } from './values.js'

/** Reads a record-like input, rejecting non-objects. */
export function asRecord(v: unknown, field: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new InvalidValue(field, 'must be an object')
  return v as Record<string, unknown>
}

/** A string, optionally nullable, trimmed of nothing (quotes must stay byte-exact). */
export function text(v: unknown, field: string, opts: { nullable: true; max?: number; nonEmpty?: boolean }): string | null
export function text(v: unknown, field: string, opts?: { nullable?: false; max?: number; nonEmpty?: boolean }): string
export function text(v: unknown, field: string, opts: { nullable?: boolean; max?: number; nonEmpty?: boolean } = {}): string | null {
  if (v === null || v === undefined) {
    if (opts.nullable) return null
    throw new InvalidValue(field, 'is required')
  }
  if (typeof v !== 'string') throw new InvalidValue(field, `must be a string (got ${typeof v})`)
  if (opts.nonEmpty && v.trim() === '') throw new InvalidValue(field, 'must not be empty')
  if (opts.max !== undefined && v.length > opts.max) throw new InvalidValue(field, `must be at most ${opts.max} characters (got ${v.length})`)
  return v
}

/** A non-negative whole number, optionally nullable. */
export function count(v: unknown, field: string, opts: { nullable: true }): number | null
export function count(v: unknown, field: string, opts?: { nullable?: false }): number
export function count(v: unknown, field: string, opts: { nullable?: boolean } = {}): number | null {
  if (v === null || v === undefined) {
    if (opts.nullable) return null
    throw new InvalidValue(field, 'is required')
  }
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new InvalidValue(field, `must be a whole number (got ${JSON.stringify(v)})`)
  if (v < 0) throw new InvalidValue(field, `must not be negative (got ${v})`)
  return v
}

/** A finite number in [min, max], optionally nullable. */
export function num(v: unknown, field: string, min: number, max: number, nullable = true): number | null {
  if (v === null || v === undefined) {
    if (nullable) return null
    throw new InvalidValue(field, 'is required')
  }
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
    throw new InvalidValue(field, `must be a number from ${min} to ${max} (got ${JSON.stringify(v)})`)
  }
  return v
}

/** One of a closed vocabulary. */
export function member<T extends string>(list: readonly T[], v: unknown, field: string): T {
  if (!isOneOf(list, v)) throw new InvalidValue(field, `must be one of ${list.join(', ')} (got ${JSON.stringify(v)})`)
  return v
}

/** A list of strings. */
export function strings(v: unknown, field: string): string[] {
  if (v === undefined || v === null) return []
  if (!Array.isArray(v)) throw new InvalidValue(field, 'must be a list of strings')
  return v.map((s, i) => text(s, `${field}[${i}]`))
}
