/**
 * @module Request ids and the access log: every answer carries an `X-Request-Id` (the caller's, when it is a safe
 * token, else a new UUID), and each request is reported once, when its answer is ready, with that id, so a log line
 * and an error a user quotes can be matched. Only the method, path (never the query or headers, which may carry
 * secrets), status and duration are reported.
 */
import { randomUUID } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import type { ApiEnv } from './route.js'

/** One answered request, as the access log receives it. */
export interface RequestLogEntry {
  readonly requestId: string
  readonly method: string
  readonly path: string
  readonly status: number
  /** Milliseconds from receiving the request to its answer being ready (a streamed body may still be flowing). */
  readonly ms: number
}

// A caller's id is kept only when it cannot forge log lines or headers: short, and letters, digits, dot, dash, underscore.
const SAFE_ID = /^[A-Za-z0-9._-]{1,64}$/

/** The middleware that names each request and reports it to `report` (when given) once answered. */
export function requestLog(report?: (entry: RequestLogEntry) => void): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const given = c.req.header('x-request-id')
    const requestId = given !== undefined && SAFE_ID.test(given) ? given : randomUUID()
    c.set('requestId', requestId)
    const started = performance.now()
    try {
      await next()
    } finally {
      c.header('X-Request-Id', requestId)
      report?.({ requestId, method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round((performance.now() - started) * 10) / 10 })
    }
  }
}
