/**
 * @module Logs of long-running commands (`serve`, `worker`): sentences for people by default, one JSON object per
 * line with `--log json` for machines (time, level, message and the event's fields).
 */
import { DomainError } from '../domain/errors.js'
import type { Writable } from 'node:stream'
import { println } from './io.js'

/** The formats `--log` takes. */
export const LOG_FORMATS = ['text', 'json'] as const
export type LogFormat = (typeof LOG_FORMATS)[number]

/** Writes one event: `message` is the sentence a person reads; `fields` go into the JSON line only. */
export type Log = (level: 'debug' | 'info' | 'warn' | 'error', message: string, fields?: Readonly<Record<string, unknown>>) => void

/** Validates a `--log` value. */
export function logFormat(v: string | undefined): LogFormat {
  if (v === undefined || v === 'text') return 'text'
  if (v === 'json') return 'json'
  throw new DomainError('invalid_input', `--log must be text or json (got "${v}")`)
}

const SEVERITY = { debug: 0, info: 1, warn: 2, error: 3 } as const

/**
 * A log writing to `out`, prefixed with `prefix` in text form ("reckon worker"), dropping events less severe than
 * `least` (RECKON_LOG_LEVEL).
 */
export function makeLog(out: Writable, format: LogFormat, prefix: string, least: keyof typeof SEVERITY = 'info', now: () => Date = () => new Date()): Log {
  return (level, message, fields = {}) => {
    if (SEVERITY[level] < SEVERITY[least]) return
    if (format === 'json') println(out, JSON.stringify({ time: now().toISOString(), level, msg: message, ...fields }))
    else println(out, `${prefix}: ${level === 'info' ? '' : `${level}: `}${message}`)
  }
}
