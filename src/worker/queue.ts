/**
 * @module The job queue: pg-boss 10 on the same PostgreSQL database as the store, so workers on several machines share
 * one queue. Jobs carry only paths and options; every handler is idempotent (sources dedupe by sha256, claims by
 * claimKey), so a job that runs twice (a crashed worker's job, picked up again after it expires) adds nothing twice.
 */
import { createRequire } from 'node:module'
import PgBoss from 'pg-boss'
import type { QueueConfig } from '../config.js'
import type { LocalDate } from '../domain/dates.js'
import { DomainError } from '../domain/errors.js'
import type { DatasetFormat } from '../importers/dataset.js'
import type { ImportPart } from '../importers/import-parts.js'
import type { SourceKind } from '../domain/values.js'

/** Queue names, one per kind of job. */
export const QUEUES = { ingest: 'reckon-ingest', import: 'reckon-import', importPart: 'reckon-import-part', extract: 'reckon-extract' } as const
export type JobKind = keyof typeof QUEUES

/** What each job carries. */
export interface JobData {
  /** One file, ingested as `reckon ingest` would with the same options. */
  ingest: {
    readonly path: string
    readonly kind: SourceKind
    readonly publisher: string | null
    readonly published: LocalDate | null
    /** False: store the source only (`--no-extract`). */
    readonly extract: boolean
  }
  /** A dataset file to import: the job cuts it into parts and queues one importPart job per part. */
  import: { readonly format: DatasetFormat; readonly file: string; readonly batchSize?: number }
  /** One part of a dataset file (`importJob` names the import job that queued it). */
  importPart: { readonly format: DatasetFormat; readonly file: string; readonly batchSize: number; readonly part: ImportPart; readonly parts: number; readonly importJob: string }
  /** Extract, link and reconcile a stored source again. */
  extract: { readonly sourceId: string }
}

/** Retry and expiry policy of every queue: retries back off exponentially from retryDelay seconds. */
export interface QueuePolicy {
  readonly retryLimit: number
  readonly retryDelay: number
  /** A job still active after this long is taken as crashed and retried (pg-boss expiry). */
  readonly expireInSeconds: number
}

/** The queue policy a config asks for. */
export function queuePolicy(c: QueueConfig): QueuePolicy {
  return { retryLimit: c.retryLimit, retryDelay: c.retryDelaySeconds, expireInSeconds: c.expireInSeconds }
}

/** pg-boss refuses expiries of 24 hours or more. */
const MAX_EXPIRE_SECONDS = 23 * 3600
/** The slowest an import may read a file before its job counts as crashed: 100 KB/s, far below any real run. */
const MIN_IMPORT_BYTES_PER_SECOND = 100_000

/** The expiry of a job that reads `bytes` of a dataset: the policy's, or longer when so many bytes could need it. */
export function importExpiry(policy: QueuePolicy, bytes: number): number {
  return Math.min(MAX_EXPIRE_SECONDS, Math.max(policy.expireInSeconds, Math.ceil(bytes / MIN_IMPORT_BYTES_PER_SECOND)))
}

/** Options for opening the queue. */
export interface QueueOptions {
  /** How often this instance checks for expired jobs and does housekeeping; default 60 s. */
  readonly maintenanceIntervalSeconds?: number
  readonly policy: QueuePolicy
}

/** Options for one job. */
export interface SendOptions {
  readonly expireInSeconds?: number
  /** A fixed job id (a UUID): sending it again while the job is known adds no second job. */
  readonly id?: string
}

/** A started queue: send jobs, run handlers, stop. */
export interface JobQueue {
  readonly boss: PgBoss
  readonly policy: QueuePolicy
  /** The PostgreSQL URL the queue lives on (workers take their job locks there). */
  readonly url: string
  /** Queues a job and returns its id; with a fixed id already queued, returns that id without a second job. */
  send<K extends JobKind>(kind: K, data: JobData[K], opts?: SendOptions): Promise<string>
  stop(): Promise<void>
}

/** The part of pg-boss's (internal) job manager patched below. */
interface JobManagerPrototype {
  complete: (this: NodeJS.EventEmitter, ...args: unknown[]) => Promise<unknown>
  fail: (this: NodeJS.EventEmitter, ...args: unknown[]) => Promise<unknown>
  reckonGuarded?: true
}

/**
 * pg-boss 10.4 completes or fails a job after its handler returns without awaiting the call (`onFetch` in
 * src/manager.js): when the database connection drops at that moment, the rejection is unhandled and ends the worker
 * process. Each such call is given a handler that reports the failure as the queue's 'error' event instead; the job
 * then stays active until it expires and runs again, which every handler allows (they are idempotent).
 */
function guardJobCompletion(): void {
  const proto = (createRequire(import.meta.url)('pg-boss/src/manager.js') as { prototype: JobManagerPrototype }).prototype
  if (proto.reckonGuarded) return
  proto.reckonGuarded = true
  for (const name of ['complete', 'fail'] as const) {
    const original = proto[name]
    proto[name] = function (this: NodeJS.EventEmitter, ...args: unknown[]) {
      const done = original.apply(this, args)
      done.catch((e: unknown) => this.emit('error', e))
      return done
    }
  }
}

/** Starts pg-boss on a PostgreSQL URL (creating its schema and the queues on first use). Throws store_unreachable. */
export async function openQueue(url: string, opts: QueueOptions): Promise<JobQueue> {
  guardJobCompletion()
  const policy = opts.policy
  const boss = new PgBoss({ connectionString: url, maintenanceIntervalSeconds: opts.maintenanceIntervalSeconds ?? 60, max: 4 })
  // pg-boss reports background errors (lost connections) as events; without a listener they would crash the process.
  boss.on('error', (e) => console.error(`reckon: queue: ${e instanceof Error ? e.message : String(e)}`))
  try {
    await boss.start()
  } catch (e) {
    throw new DomainError('store_unreachable', `cannot start the job queue on PostgreSQL: ${e instanceof Error ? e.message : String(e)}`, { cause: e })
  }
  for (const name of Object.values(QUEUES)) {
    if (!(await boss.getQueue(name))) {
      await boss.createQueue(name, { name, retryLimit: policy.retryLimit, retryDelay: policy.retryDelay, retryBackoff: true, expireInSeconds: policy.expireInSeconds })
    }
  }
  return {
    boss,
    policy,
    url,
    async send(kind, data, o) {
      const id = await boss.send(QUEUES[kind], data as object, {
        retryLimit: policy.retryLimit, retryDelay: policy.retryDelay, retryBackoff: true,
        expireInSeconds: o?.expireInSeconds ?? policy.expireInSeconds,
        ...(o?.id !== undefined ? { id: o.id } : {}),
      })
      if (id !== null) return id
      // pg-boss answers null when a job with this id is already there: that job stands.
      if (o?.id !== undefined) return o.id
      throw new DomainError('conflict', `the ${kind} job was not queued`)
    },
    stop: () => boss.stop({ graceful: true, wait: true, timeout: 10_000 }),
  }
}
