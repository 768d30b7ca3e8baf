/**
 * @module The body of a document worker thread (document-pool.ts starts it): reads documents and extracts claims
 * off the main thread, one job at a time, answering each with its result or its error's code and message.
 */
import { parentPort } from 'node:worker_threads'
import type { LocalDate } from '../domain/dates.js'
import { extract } from '../extraction/index.js'
import { readDocument, type ReadOptions } from '../readers/read-document.js'
import { extractedOf } from './extracted.js'
import { extractAndCheck } from './check-document.js'
import { threadError, type ThreadError } from './worker-script.js'

/** One job for a document worker. */
export type DocumentJob =
  | { readonly kind: 'read'; readonly bytes: Uint8Array; readonly opts: ReadOptions }
  | { readonly kind: 'extract'; readonly text: string; readonly published: LocalDate | null; readonly publisher?: string | null }
  | { readonly kind: 'check'; readonly text: string; readonly published: LocalDate | null }

/** What a worker answers: the job's result, or its error as a code and a message (errors do not cross threads whole). */
export type DocumentAnswer =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | ({ readonly id: number } & ThreadError)

/** Runs one job on this thread: the same pure functions the main thread would call. */
export async function runDocumentJob(job: DocumentJob): Promise<unknown> {
  switch (job.kind) {
    case 'read':
      return readDocument(job.bytes, job.opts)
    case 'extract':
      return extractedOf(extract(job.text, { published: job.published, publisher: job.publisher ?? null }))
    case 'check':
      return extractAndCheck(job.text, job.published)
  }
}

const port = parentPort
if (port !== null) {
  port.on('message', (msg: { id: number; job: DocumentJob }) => {
    runDocumentJob(msg.job).then(
      (value) => port.postMessage({ id: msg.id, ok: true, value } satisfies DocumentAnswer),
      (e: unknown) => port.postMessage({ id: msg.id, ...threadError(e) } satisfies DocumentAnswer),
    )
  })
}
