/**
 * @module Starts a real `reckon serve` for the end-to-end tests, on a temporary SQLite store holding an editor token
 * made through the Store. RECKON_E2E_URL and RECKON_E2E_TOKEN point the tests at an already running server instead.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openStore } from '../../src/storage/open-store.js'
import { CLI, spawnServe } from '../helpers/serve-process.js'

/** A server the browser can reach, with an editor token. */
export interface RunningServer {
  readonly url: string
  readonly token: string
  /** The SQLite file behind the server, when this harness started it. */
  readonly databasePath: string | null
  stop(): Promise<void>
}

/** Why the server cannot be started here (no built CLI, or a CLI without `serve`), or null when it can. */
export function serveMissing(): string | null {
  if (process.env.RECKON_E2E_URL) return null
  const help = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' })
  if (help.status !== 0) return `the CLI at ${CLI} does not run (npm run build first): ${help.stderr.slice(0, 300)}`
  if (!/^\s+serve\b/m.test(help.stdout)) return 'the CLI has no `serve` command yet'
  return null
}

/** An editor's JSON request to the server (a write, unless `method` says otherwise), with its token. */
export function asEditor(server: RunningServer, path: string, body: unknown, method = 'POST'): Promise<Response> {
  return fetch(`${server.url}${path}`, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` }, body: JSON.stringify(body) })
}

/**
 * Posts a report as an editor and returns its first claim, with the incident it is in: one of its own when linking
 * left it unlinked (each test strike stays apart from the others).
 */
export async function postStrike(server: RunningServer, report: { text: string; published: string; publisher: string }): Promise<{ id: string; incidentId: string }> {
  const posted = await asEditor(server, '/api/sources', { ...report, kind: 'news' })
  if (posted.status !== 201) throw new Error(`posting a report answered ${posted.status}: ${await posted.text()}`)
  const claim = ((await posted.json()) as { claims: { id: string; incidentId: string | null }[] }).claims[0]!
  if (claim.incidentId !== null) return { id: claim.id, incidentId: claim.incidentId }
  const moved = await asEditor(server, `/api/claims/${claim.id}/move`, { incidentId: null, reason: 'a strike of its own' })
  if (moved.status !== 200) throw new Error(`moving a claim answered ${moved.status}: ${await moved.text()}`)
  return { id: claim.id, incidentId: ((await moved.json()) as { incidentId: string }).incidentId }
}

/** Starts the server on a fresh SQLite file (or adopts the one named by RECKON_E2E_URL). */
export async function startServer(): Promise<RunningServer> {
  const given = process.env.RECKON_E2E_URL
  if (given) return { url: given, token: process.env.RECKON_E2E_TOKEN ?? '', databasePath: null, stop: () => Promise.resolve() }
  const dir = mkdtempSync(join(tmpdir(), 'reckon-e2e-'))
  const path = join(dir, 'reckon.db')
  const store = await openStore({ kind: 'sqlite', path })
  const { token } = await store.tokens.create('e2e-editor', 'editor', { actor: 'e2e test' })
  await store.close()
  let served
  try {
    served = await spawnServe({ DATABASE_URL: path })
  } catch (e) {
    rmSync(dir, { recursive: true, force: true })
    throw e
  }
  return {
    url: served.url,
    token,
    databasePath: path,
    stop: async () => {
      await served.stop()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
