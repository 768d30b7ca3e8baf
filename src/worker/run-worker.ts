/**
 * @module A worker: takes ingest, import, import-part and extract jobs from the queue, one at a time per queue, and
 * runs them against the store through the same use cases as the inline commands (ingest: ingestReports; extract:
 * processSource; import: importDataset). A failure the job cannot fix by retrying (a wrong file) completes the job
 * with the problem as its output; anything else throws, so pg-boss retries it with backoff. A worker killed mid-job
 * leaves the job active until it expires; another worker then runs it again, and idempotent storage keeps every
 * claim once. Imports run as parts of bounded size, each under a lock, so a live part is never run twice at once.
 */
import { createHash } from 'node:crypto'
import { basename } from 'node:path'
import type PgBoss from 'pg-boss'
import { ingestReports } from '../app/ingest-reports.js'
import { processSource, rulesExtractor, type Extractor } from '../app/process-source.js'
import { DomainError } from '../domain/errors.js'
import type { SourceId } from '../domain/ids.js'
import { DEFAULT_IMPORT_BATCH, importDataset } from '../app/import-dataset.js'
import { planImportParts, readImportPart } from '../importers/import-parts.js'
import type { Store } from '../storage/store.js'
import { withJobLock } from './job-lock.js'
import { importExpiry, QUEUES, type JobData, type JobKind, type JobQueue } from './queue.js'

/** Options for a worker. */
export interface WorkerOptions {
  /** Who the worker is, for revisions ("worker:host-123"). */
  readonly actor: string
  readonly maxDocumentBytes: number
  /** Rows per import part job (RECKON_IMPORT_PART_ROWS); default 20,000. */
  readonly importPartRows?: number
  /** How often an idle worker polls for jobs; default 2 s (pg-boss minimum 0.5). */
  readonly pollingIntervalSeconds?: number
  /** Told when each job starts, ends or fails; the CLI writes it as a sentence or, with `--log json`, a JSON line. */
  readonly log?: (event: WorkerEvent) => void
  /** Claims of a source's text, for ingest and extract jobs; the rules extraction by default (as inline). */
  readonly extract?: Extractor
}

/** What a job reports when it is done. */
export type JobOutput = Readonly<Record<string, unknown>>

/** One thing a worker did, for its log. */
export interface WorkerEvent {
  readonly event: 'job_started' | 'job_done' | 'job_failed'
  readonly kind: JobKind
  readonly jobId: string
  /** What the job is about: a file, a file's part, a source id. */
  readonly what: string
  /** The job's output, when done. */
  readonly output?: JobOutput
  /** Why it failed (it will be retried, with backoff, up to the retry limit). */
  readonly error?: string
}

/** Runs one ingest job: the file is ingested (and, unless the job says not to, extracted, linked and reconciled) as `reckon ingest` does. */
export async function runIngestJob(store: Store, data: JobData['ingest'], opts: WorkerOptions): Promise<JobOutput> {
  const r = await ingestReports(store, [data.path], {
    ctx: { actor: opts.actor, why: `queued ingest ${basename(data.path)}` },
    maxBytes: opts.maxDocumentBytes,
    kind: data.kind,
    publisher: data.publisher,
    // Jobs queued before these fields existed carry neither: they meant the defaults.
    published: data.published ?? null,
    extract: data.extract ?? true,
    ...(opts.extract ? { extractor: opts.extract } : {}),
  })
  const internal = r.problems.filter((p) => p.code === 'internal_error' || p.code === 'store_unreachable' || p.code === 'database_unavailable' || p.code === 'storage_full')
  if (internal.length > 0) throw new Error(internal.map((p) => p.message).join('; '))
  return { stored: r.items.filter((i) => i.created).length, known: r.items.filter((i) => !i.created).length, sourceIds: r.items.map((i) => i.sourceId), problems: r.problems.map((p) => p.message) }
}

/** A job id (UUID-shaped) fixed by its parts, so queuing the same part twice queues one job. */
function fixedJobId(...parts: readonly (string | number)[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`
}

/** A failure that retrying will not fix (a missing file, a wrong header) becomes the job's output instead of a retry. */
function finalError(e: unknown, file: string): JobOutput {
  if (e instanceof DomainError && e.code === 'invalid_input') return { error: e.message }
  if ((e as { code?: string }).code === 'ENOENT') return { error: `no such file ${file}` }
  throw e
}

/**
 * Runs one import job: cuts the file into parts of at most `importPartRows` rows and queues a part job for each
 * (with ids fixed by this job and the part, so a re-run after a crash queues nothing twice).
 */
export async function runImportJob(queue: JobQueue, jobId: string, data: JobData['import'], opts: WorkerOptions): Promise<JobOutput> {
  try {
    const plan = await planImportParts(data.file, data.format, opts.importPartRows ?? 20_000)
    const ids: string[] = []
    for (const part of plan.parts) {
      ids.push(await queue.send('importPart', { format: data.format, file: data.file, batchSize: data.batchSize ?? DEFAULT_IMPORT_BATCH, part, parts: plan.parts.length, importJob: jobId }, {
        id: fixedJobId(jobId, part.index),
        expireInSeconds: importExpiry(queue.policy, part.headerEnd + part.end - part.start),
      }))
    }
    return { rows: plan.rows, bytes: plan.bytes, parts: ids }
  } catch (e) {
    return finalError(e, data.file)
  }
}

/**
 * Runs one part of an import under a lock named by the part, so it never runs twice at once; a re-run after a crash
 * skips every batch already committed.
 */
export async function runImportPartJob(store: Store, lockUrl: string, data: JobData['importPart'], opts: WorkerOptions): Promise<JobOutput> {
  const { part } = data
  try {
    return await withJobLock(lockUrl, `reckon-import:${data.format}:${data.file}:${part.start}-${part.end}`, async () => {
      const r = await importDataset(store, data.format, readImportPart(data.file, part), {
        ctx: { actor: opts.actor, why: `queued import --format ${data.format} ${basename(data.file)} (part ${part.index + 1} of ${data.parts})` },
        batchSize: data.batchSize,
        filename: basename(data.file),
        lineOffset: part.lineOffset,
      })
      return { part: part.index, rows: r.rows, sources: r.sources, claims: r.claims, skipped: r.skipped, superseded: r.superseded, problems: r.problems.map((p) => `${p.line}: ${p.message}`) }
    })
  } catch (e) {
    return finalError(e, data.file)
  }
}

/** Runs one extract job: the source is extracted, linked and reconciled again; claims already stored are kept once. */
export async function runExtractJob(store: Store, data: JobData['extract'], opts: WorkerOptions): Promise<JobOutput> {
  const source = await store.sources.get(data.sourceId as SourceId)
  if (!source) return { error: `no source ${data.sourceId}` }
  const before = (await store.claims.list({ sourceId: source.id }, { limit: 1 })).total
  const r = await processSource(store, source, { actor: opts.actor, why: 'queued extract' }, opts.extract ?? rulesExtractor)
  return { claims: r.claims.length, added: r.claims.length - before, incidentsCreated: r.created, incidentsJoined: r.joined }
}

/** Starts handlers for every queue; resolves once they poll. */
export async function startWorker(queue: JobQueue, store: Store, opts: WorkerOptions): Promise<{ stop: () => Promise<void> }> {
  const log = opts.log ?? (() => undefined)
  const work = { batchSize: 1, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2 }
  const ids: string[] = []
  const handle = async <K extends JobKind>(kind: K, describe: (d: JobData[K]) => string, run: (job: PgBoss.Job<JobData[K]>) => Promise<JobOutput>): Promise<void> => {
    ids.push(await queue.boss.work<JobData[K]>(QUEUES[kind], work, async ([job]: PgBoss.Job<JobData[K]>[]) => {
      if (!job) return {}
      const about = { kind, jobId: job.id, what: describe(job.data) }
      log({ event: 'job_started', ...about })
      try {
        const output = await run(job)
        log({ event: 'job_done', ...about, output })
        return output
      } catch (e) {
        log({ event: 'job_failed', ...about, error: e instanceof Error ? e.message : String(e) })
        throw e
      }
    }))
  }
  await handle('ingest', (d) => d.path, (job) => runIngestJob(store, job.data, opts))
  await handle('import', (d) => `${d.format} ${d.file}`, (job) => runImportJob(queue, job.id, job.data, opts))
  await handle('importPart', (d) => `${d.format} ${d.file} part ${d.part.index + 1} of ${d.parts}`, (job) => runImportPartJob(store, queue.url, job.data, opts))
  await handle('extract', (d) => d.sourceId, (job) => runExtractJob(store, job.data, opts))
  return {
    stop: async () => {
      for (const id of ids) await queue.boss.offWork({ id })
    },
  }
}
