/** @module `reckon worker`: runs queued ingest, extract and import jobs until stopped (SIGINT/SIGTERM); PostgreSQL only. */
import { hostname } from 'node:os'
import type { Command } from 'commander'
import { DomainError } from '../../domain/errors.js'
import { openQueue, queuePolicy, type JobQueue } from '../../worker/queue.js'
import { startWorker, type WorkerEvent } from '../../worker/run-worker.js'
import { logFormat, makeLog } from '../log.js'
import type { CliContext } from '../context.js'
import { openCliStore } from './db.js'

/** Opens the job queue on the configured PostgreSQL database and stops it when the command ends. */
export async function openCliQueue(ctx: CliContext, maintenanceIntervalSeconds?: number): Promise<JobQueue> {
  const config = ctx.config()
  const db = config.database
  if (db.kind !== 'postgres') throw new DomainError('config_invalid', 'the job queue needs PostgreSQL: set DATABASE_URL to a postgres:// URL')
  const policy = queuePolicy(config.queue)
  const queue = await openQueue(db.url, maintenanceIntervalSeconds === undefined ? { policy } : { policy, maintenanceIntervalSeconds })
  ctx.onExit(() => queue.stop())
  return queue
}

/** Registers `reckon worker`. */
export function workerCommand(program: Command, ctx: CliContext): void {
  program
    .command('worker')
    .description('process queued ingest, extract and import jobs (PostgreSQL); run several, on several machines, against one database')
    .option('--poll <seconds>', 'how often an idle worker looks for jobs', '2')
    .option('--maintenance <seconds>', 'how often to look for crashed (expired) jobs to retry', '60')
    .option('--log <format>', 'text: a sentence per event, for people (default); json: one JSON object per line, for machines')
    .action(async (o: { poll: string; maintenance: string; log?: string }) => {
      const log = makeLog(ctx.io.stderr, logFormat(o.log), 'reckon worker', ctx.config().logLevel)
      const poll = Number(o.poll)
      const maintenance = Number(o.maintenance)
      if (!(poll >= 0.5) || !(maintenance >= 1)) throw new DomainError('invalid_input', '--poll must be at least 0.5 and --maintenance at least 1')
      const store = await openCliStore(ctx)
      const queue = await openCliQueue(ctx, maintenance)
      const actor = `worker:${hostname()}-${process.pid}`
      const config = ctx.config()
      const w = await startWorker(queue, store, {
        actor, maxDocumentBytes: config.maxDocumentBytes, pollingIntervalSeconds: poll, importPartRows: config.queue.importPartRows,
        log: (e) => log(e.event === 'job_failed' ? 'warn' : 'info', jobSentence(e), { ...e, worker: actor }),
      })
      log('info', `${actor} is waiting for jobs`, { event: 'worker_ready', worker: actor })
      await new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve())
        process.once('SIGTERM', () => resolve())
      })
      await w.stop()
      log('info', `${actor} stopped`, { event: 'worker_stopped', worker: actor })
    })
}

const plural = (n: unknown, one: string, many = `${one}s`): string => `${String(n)} ${n === 1 ? one : many}`
const count = (v: unknown): number => (Array.isArray(v) ? v.length : typeof v === 'number' ? v : 0)

/** A worker event as a sentence a person reads: what the job is and what it did. */
export function jobSentence(e: WorkerEvent): string {
  const job = `${e.kind} job ${e.jobId.slice(0, 8)} (${e.what})`
  if (e.event === 'job_started') return `${job} started`
  if (e.event === 'job_failed') return `${job} failed and will be retried: ${e.error ?? 'unknown error'}`
  const o = e.output ?? {}
  if (typeof o.error === 'string') return `${job} gave up: ${o.error}`
  const problems = count(o.problems) > 0 ? `; ${plural(count(o.problems), 'problem')}: ${(o.problems as unknown[]).slice(0, 3).join('; ')}` : ''
  switch (e.kind) {
    case 'ingest':
      return `${job} done: ${plural(o.stored, 'file')} stored, ${String(o.known)} already stored${problems}`
    case 'import':
      return `${job} done: ${plural(o.rows, 'row')} cut into ${plural(count(o.parts), 'part job')}`
    case 'importPart':
      return `${job} done: ${plural(o.rows, 'row')} read, ${String(o.sources)} new, ${String(o.skipped)} already stored, ${String(o.superseded)} revised${problems}`
    case 'extract':
      return `${job} done: ${plural(o.claims, 'claim')} (${String(o.added)} new), ${plural(o.incidentsCreated, 'incident')} created, ${String(o.incidentsJoined)} joined`
  }
}
