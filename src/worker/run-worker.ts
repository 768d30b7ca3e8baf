/**
 * @module A worker: takes ingest and import jobs from the queue, one at a time per queue, and runs them against the
 * store. A failure the job cannot fix by retrying (a wrong file) completes the job with the problem as its output;
 * anything else throws, so pg-boss retries it with backoff. A worker killed mid-job leaves the job active until it
 * expires; another worker then runs it again, and idempotent storage keeps every claim once.
 */
import { createReadStream } from 'node:fs'
import { basename } from 'node:path'
import type PgBoss from 'pg-boss'
import { ingestPaths } from '../app/ingest.js'
import { DomainError } from '../domain/errors.js'
import { importDataset } from '../importers/import-dataset.js'
import type { Store } from '../storage/store.js'
import { QUEUES, type JobData, type JobQueue } from './queue.js'

/** Options for a worker. */
export interface WorkerOptions {
  /** Who the worker is, for revisions ("worker:host-123"). */
  readonly actor: string
  readonly maxDocumentBytes: number
  /** How often an idle worker polls for jobs; default 2 s (pg-boss minimum 0.5). */
  readonly pollingIntervalSeconds?: number
  readonly log?: (line: string) => void
}

/** What a job reports when it is done. */
export type JobOutput = Readonly<Record<string, unknown>>

/** Runs one ingest job. */
export async function runIngestJob(store: Store, data: JobData['ingest'], opts: WorkerOptions): Promise<JobOutput> {
  const r = await ingestPaths(store, [data.path], {
    ctx: { actor: opts.actor, why: `queued ingest ${basename(data.path)}` },
    maxBytes: opts.maxDocumentBytes,
    meta: { kind: data.kind, publisher: data.publisher },
  })
  const internal = r.problems.filter((p) => p.code === 'internal_error' || p.code === 'store_unreachable')
  if (internal.length > 0) throw new Error(internal.map((p) => p.message).join('; '))
  return { stored: r.items.filter((i) => i.created).length, known: r.items.filter((i) => !i.created).length, problems: r.problems.map((p) => p.message) }
}

/** Runs one import job; a re-run after a crash skips every batch already committed. */
export async function runImportJob(store: Store, data: JobData['import'], opts: WorkerOptions): Promise<JobOutput> {
  try {
    const r = await importDataset(store, data.format, createReadStream(data.file, { highWaterMark: 1 << 20 }), {
      ctx: { actor: opts.actor, why: `queued import --format ${data.format} ${basename(data.file)}` },
      batchSize: data.batchSize ?? 1000,
      filename: basename(data.file),
    })
    return { rows: r.rows, sources: r.sources, claims: r.claims, skipped: r.skipped, problems: r.problems.map((p) => `${p.line}: ${p.message}`) }
  } catch (e) {
    // A wrong header or a missing file will not get better by retrying.
    if (e instanceof DomainError && e.code === 'invalid_input') return { error: e.message }
    if ((e as { code?: string }).code === 'ENOENT') return { error: `no such file ${data.file}` }
    throw e
  }
}

/** Starts handlers for the ingest and import queues; resolves once they are polling. */
export async function startWorker(queue: JobQueue, store: Store, opts: WorkerOptions): Promise<{ stop: () => Promise<void> }> {
  const log = opts.log ?? (() => undefined)
  const work = { batchSize: 1, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2 }
  const ids: string[] = []
  ids.push(await queue.boss.work<JobData['ingest']>(QUEUES.ingest, work, async ([job]: PgBoss.Job<JobData['ingest']>[]) => {
    if (!job) return {}
    log(`ingest ${job.id}: ${job.data.path}`)
    return runIngestJob(store, job.data, opts)
  }))
  ids.push(await queue.boss.work<JobData['import']>(QUEUES.import, work, async ([job]: PgBoss.Job<JobData['import']>[]) => {
    if (!job) return {}
    log(`import ${job.id}: ${job.data.format} ${job.data.file}`)
    const out = await runImportJob(store, job.data, opts)
    log(`import ${job.id} done: ${JSON.stringify(out).slice(0, 200)}`)
    return out
  }))
  return {
    stop: async () => {
      for (const id of ids) await queue.boss.offWork({ id })
    },
  }
}
