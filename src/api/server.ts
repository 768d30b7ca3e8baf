/** @module Listens: runs an API app on a host and port over Node's HTTP server, and stops it cleanly. */
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { serve } from '@hono/node-server'
import type { Hono } from 'hono'
import type { ApiEnv } from './route.js'

/** A running server. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:8080`. */
  readonly url: string
  readonly port: number
  /**
   * Stops accepting connections and closes idle keep-alive sockets; connections still busy after `graceMs`
   * (default 3000) are cut. Resolves when the server is closed.
   */
  close(graceMs?: number): Promise<void>
}

/** Node's own answers to requests it cannot parse, by parser error code: status, reason phrase, error code, message. */
const CLIENT_ERRORS: Readonly<Record<string, readonly [number, string, string, string]>> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'too_large', 'the request headers are over the size limit'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'timeout', 'the request was not received in time'],
}

/**
 * Answers a request Node could not parse (oversized headers, a malformed request line) with the API's JSON error
 * shape: Node's default answer has an empty body, which clients cannot tell from a proxy's.
 */
export function answerClientError(e: Error & { code?: string }, socket: Duplex): void {
  // A reset or half-written connection cannot take an answer; a response already under way must not get a second.
  const answered = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true
  if (!socket.writable || answered || e.code === 'ECONNRESET') {
    socket.destroy()
    return
  }
  const [status, reason, code, message] = CLIENT_ERRORS[e.code ?? ''] ?? [400, 'Bad Request', 'invalid_input', 'the request is not valid HTTP']
  const body = JSON.stringify({ error: { code, message } })
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`)
}

/** Starts `app` on `host:port` (port 0 picks a free one) and resolves once it listens. */
export async function startServer(app: Hono<ApiEnv>, host: string, port: number): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: host, port }, (info: AddressInfo) => {
      const shown = info.family === 'IPv6' ? `[${info.address}]` : info.address
      resolve({
        url: `http://${shown}:${info.port}`,
        port: info.port,
        close: (graceMs = 3000) =>
          new Promise<void>((done, fail) => {
            // A client still sending a large upload, or one that never reads its answer, must not keep a stopping
            // server alive: after the grace period every connection left is cut.
            const cut = setTimeout(() => {
              if ('closeAllConnections' in server) server.closeAllConnections()
            }, graceMs)
            cut.unref()
            server.close((e) => {
              clearTimeout(cut)
              if (e) fail(e)
              else done()
            })
            // Keep-alive clients would otherwise hold close() open until their sockets time out.
            if ('closeIdleConnections' in server) server.closeIdleConnections()
          }),
      })
    })
    server.once('error', reject)
    server.on('clientError', answerClientError)
    // Slowloris-style clients must not hold sockets for ever; request bodies are limited separately.
    if ('headersTimeout' in server) {
      server.headersTimeout = 20_000
      server.requestTimeout = 120_000
    }
  })
}
