/**
 * @module Starts a real Reckon server for the end-to-end tests, on a temporary SQLite store with an editor token.
 * RECKON_E2E_URL and RECKON_E2E_TOKEN point the tests at an already running server instead.
 */

/** A server the browser can reach, with an editor token. */
export interface RunningServer {
  readonly url: string
  readonly token: string
  stop(): Promise<void>
}

/** Starts the server (or adopts the one named by RECKON_E2E_URL). */
export async function startServer(): Promise<RunningServer> {
  const url = process.env.RECKON_E2E_URL
  const token = process.env.RECKON_E2E_TOKEN
  if (url && token) return { url, token, stop: () => Promise.resolve() }
  throw new Error('no server: the in-process server lands with the API')
}
