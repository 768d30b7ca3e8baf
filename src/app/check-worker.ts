/**
 * @module The body of the check thread (check-thread.ts starts it): opens its own connection to the store and runs
 * the whole-store consistency check there on each request, so the thread answering requests never holds it.
 */
import { parentPort, workerData } from 'node:worker_threads'
import type { DatabaseConfig } from '../config.js'
import { openStore } from '../storage/open-store.js'
import type { Store } from '../storage/store.js'
import { checkStore } from './check-store.js'
import { threadError, type ThreadError } from './worker-script.js'

/** A request to the check thread: check the store once. */
export interface CheckRequest {
  readonly id: number
}

/** What the check thread answers: whether the run stored its findings, or its error's code and message. */
export type CheckAnswer =
  | { readonly id: number; readonly ok: true; readonly stored: boolean; readonly findings: number }
  | ({ readonly id: number } & ThreadError)

const port = parentPort
if (port !== null) {
  const { database } = workerData as { database: DatabaseConfig }
  let store: Store | null = null
  // Runs follow one another; closing waits for the one in flight, so its findings are stored, not cut short.
  let current: Promise<unknown> = Promise.resolve()
  port.on('message', (msg: CheckRequest | 'close') => {
    if (msg === 'close') {
      // Close the connection cleanly (a PostgreSQL session ends, SQLite checkpoints) before the thread goes.
      current = current.then(() => store?.close()).finally(() => port.close())
      return
    }
    const run = async (): Promise<CheckAnswer> => {
      // No migrations and no list snapshot: the serving process migrated the store, and this thread never lists.
      store ??= await openStore(database, { migrate: false, listIndex: 'off' })
      const r = await checkStore(store)
      return { id: msg.id, ok: true, stored: r.stored, findings: r.findings.length }
    }
    current = current.then(run).then(
      (a) => port.postMessage(a),
      (e: unknown) => port.postMessage({ id: msg.id, ...threadError(e) } satisfies CheckAnswer),
    )
  })
}
