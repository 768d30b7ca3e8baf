/**
 * @module The job queue: pg-boss 10 on the same PostgreSQL database as the store, so workers on several machines share
 * one queue. Jobs carry only paths and options; every handler is idempotent (sources dedupe by sha256, claims by
 * claimKey), so a job that runs twice (a crashed worker's job, picked up again after it expires) adds nothing twice.
 */
import PgBoss from 'pg-boss'
import { DomainError } from '../domain/errors.js'
import type { DatasetFormat } from '../importers/dataset.js'
import type { SourceKind } from '../domain/values.js'

/** Queue names, one per kind of job. */
export const QUEUES = { ingest: 'reckon-ingest', import: 'reckon-import', extract: 'reckon-extract' } as const
export type JobKind = keyof typeof QUEUES

/** What each job carries. */
export interface JobData {
  ingest: { readonly path: string; readonly kind: SourceKind; readonly publisher: string | null }
  import: { readonly format: DatasetFormat; readonly file: string; readonly batchSize?: number }
  extract: { readonly sourceId: string }
}

/** Retry and expiry policy of every queue: retries back off exponentially from retryDelay seconds. */
export interface QueuePolicy {
  readonly retryLimit: number
  readonly retryDelay: number
  /** A job still active after this long is taken as crashed and retried (pg-boss expiry). */
  readonly expireInSeconds: number
}

/** Defaults: 5 retries from 5 s, doubling; a job may run 15 minutes before it counts as crashed. */
export const DEFAULT_POLICY: QueuePolicy = { retryLimit: 5, retryDelay: 5, expireInSeconds: 900 }

/** Options for opening the queue. */
export interface QueueOptions {
  /** How often this instance checks for expired jobs and does housekeeping; default 60 s. */
  readonly maintenanceIntervalSeconds?: number
  readonly policy?: Partial<QueuePolicy>
}

/** A started queue: send jobs, run handlers, stop. */
export interface JobQueue {
  readonly boss: PgBoss
  readonly policy: QueuePolicy
  send<K extends JobKind>(kind: K, data: JobData[K], opts?: { readonly expireInSeconds?: number }): Promise<string>
  stop(): Promise<void>
}

/** Starts pg-boss on a PostgreSQL URL (creating its schema and the queues on first use). Throws store_unreachable. */
export async function openQueue(url: string, opts: QueueOptions = {}): Promise<JobQueue> {
  const policy: QueuePolicy = { ...DEFAULT_POLICY, ...opts.policy }
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
    async send(kind, data, o) {
      const id = await boss.send(QUEUES[kind], data as object, {
        retryLimit: policy.retryLimit, retryDelay: policy.retryDelay, retryBackoff: true,
        expireInSeconds: o?.expireInSeconds ?? policy.expireInSeconds,
      })
      if (id === null) throw new DomainError('conflict', `the ${kind} job was not queued`)
      return id
    },
    stop: () => boss.stop({ graceful: true, wait: true, timeout: 10_000 }),
  }
}
