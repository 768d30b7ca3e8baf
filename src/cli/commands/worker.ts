/** @module `reckon worker`: runs queued ingest, extract and import jobs until stopped (SIGINT/SIGTERM); PostgreSQL only. */
import { hostname } from 'node:os'
import type { Command } from 'commander'
import { DomainError } from '../../domain/errors.js'
import { openQueue, queuePolicy, type JobQueue } from '../../worker/queue.js'
import { startWorker } from '../../worker/run-worker.js'
import type { CliContext } from '../context.js'
import { println } from '../io.js'
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
    .action(async (o: { poll: string; maintenance: string }) => {
      const poll = Number(o.poll)
      const maintenance = Number(o.maintenance)
      if (!(poll >= 0.5) || !(maintenance >= 1)) throw new DomainError('invalid_input', '--poll must be at least 0.5 and --maintenance at least 1')
      const store = await openCliStore(ctx)
      const queue = await openCliQueue(ctx, maintenance)
      const actor = `worker:${hostname()}-${process.pid}`
      const config = ctx.config()
      const w = await startWorker(queue, store, {
        actor, maxDocumentBytes: config.maxDocumentBytes, pollingIntervalSeconds: poll, importPartRows: config.queue.importPartRows,
        log: (line) => println(ctx.io.stderr, `reckon worker: ${line}`),
      })
      println(ctx.io.stderr, `reckon worker: ${actor} waiting for jobs`)
      await new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve())
        process.once('SIGTERM', () => resolve())
      })
      await w.stop()
    })
}
