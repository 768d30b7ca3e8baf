/**
 * @module A worker: takes ingest, import (and, given an extractor, extract) jobs from the queue, one at a time per queue, and runs them against the
 * store. A failure the job cannot fix by retrying (a wrong file) completes the job with the problem as its output;
 * anything else throws, so pg-boss retries it with backoff. A worker killed mid-job leaves the job active until it
 * expires; another worker then runs it again, and idempotent storage keeps every claim once.
 */
import { createReadStream } from 'node:fs'
import { basename } from 'node:path'
import type PgBoss from 'pg-boss'
import { ingestPaths } from '../app/ingest.js'
import type { ClaimDraft } from '../domain/claim.js'
import { DomainError } from '../domain/errors.js'
import type { SourceId } from '../domain/ids.js'
import type { Source } from '../domain/source.js'
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
  /**
   * Extraction, when the integrating code provides it: claims from a source's text. With it the worker also takes
   * extract jobs; the store skips claims whose claimKey is already stored, so a re-run adds nothing.
   */
  readonly extract?: (source: Source) => readonly ClaimDraft[] | Promise<readonly ClaimDraft[]>
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
  return { stored: r.items.filter((i) => i.created).length, known: r.items.filter((i) => !i.created).length, sourceIds: r.items.map((i) => i.sourceId), problems: r.problems.map((p) => p.message) }
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

/** Runs one extract job: the source's claims, stored once however often the job runs. */
export async function runExtractJob(store: Store, data: JobData['extract'], opts: WorkerOptions): Promise<JobOutput> {
  if (!opts.extract) throw new Error('this worker has no extractor')
  const source = await store.sources.get(data.sourceId as SourceId)
  if (!source) return { error: `no source ${data.sourceId}` }
  const drafts = await opts.extract(source)
  const before = (await store.claims.list({ sourceId: source.id }, { limit: 1 })).total
  await store.claims.addForSource(source.id, drafts, { actor: opts.actor, why: 'queued extract' })
  const after = (await store.claims.list({ sourceId: source.id }, { limit: 1 })).total
  return { drafts: drafts.length, added: after - before }
}

/** Starts handlers for the ingest and import queues (and extract, given an extractor); resolves once they poll. */
export async function startWorker(queue: JobQueue, store: Store, opts: WorkerOptions): Promise<{ stop: () => Promise<void> }> {
  const log = opts.log ?? (() => undefined)
  const work = { batchSize: 1, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2 }
  const ids: string[] = []
  ids.push(await queue.boss.work<JobData['ingest']>(QUEUES.ingest, work, async ([job]: PgBoss.Job<JobData['ingest']>[]) => {
    if (!job) return {}
    log(`ingest ${job.id}: ${job.data.path}`)
    const out = await runIngestJob(store, job.data, opts)
    // With an extractor, every ingested source gets an extract job (idempotent, so a known source costs nothing new).
    if (opts.extract) for (const sourceId of out.sourceIds as string[]) await queue.send('extract', { sourceId })
    return out
  }))
  ids.push(await queue.boss.work<JobData['import']>(QUEUES.import, work, async ([job]: PgBoss.Job<JobData['import']>[]) => {
    if (!job) return {}
    log(`import ${job.id}: ${job.data.format} ${job.data.file}`)
    const out = await runImportJob(store, job.data, opts)
    log(`import ${job.id} done: ${JSON.stringify(out).slice(0, 200)}`)
    return out
  }))
  const extract = opts.extract
  if (extract) {
    ids.push(await queue.boss.work<JobData['extract']>(QUEUES.extract, work, async ([job]: PgBoss.Job<JobData['extract']>[]) => {
      if (!job) return {}
      log(`extract ${job.id}: ${job.data.sourceId}`)
      return runExtractJob(store, job.data, opts)
    }))
  }
  return {
    stop: async () => {
      for (const id of ids) await queue.boss.offWork({ id })
    },
  }
}
