/** @module `reckon ingest <paths...>`: files and folders of reports into the store. */
import type { Command } from 'commander'
import { resolve } from 'node:path'
import { DocumentPool } from '../../app/document-pool.js'
import { collectFiles, type IngestResult } from '../../app/ingest.js'
import { ingestReports } from '../../app/ingest-reports.js'
import { isLocalDate } from '../../domain/dates.js'
import { DomainError } from '../../domain/errors.js'
import { SOURCE_KINDS, isOneOf } from '../../domain/values.js'
import type { JobData } from '../../worker/queue.js'
import type { CliContext } from '../context.js'
import { toExitCode } from '../errors.js'
import { println, type CliIo } from '../io.js'
import { openCliStore } from './db.js'
import { openCliQueue } from './worker.js'

/** Files from which on a terminal shows a progress bar instead of staying silent. */
const PROGRESS_FROM = 5

/** A one-line progress bar redrawn in place on a terminal; does nothing when stderr is not one. */
export function progressBar(io: CliIo, total: number): { tick: (done: number, path: string) => void; end: () => void } {
  const out = io.stderr
  if (!out.isTTY || total < PROGRESS_FROM) return { tick: () => undefined, end: () => undefined }
  const width = Math.max(10, Math.min(30, (out.columns ?? 80) - 50))
  return {
    tick: (done, path) => {
      const filled = Math.round((done / total) * width)
      const name = path.length > 30 ? `…${path.slice(-29)}` : path
      out.write(`\r\x1b[K[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${name}`)
    },
    end: () => void out.write('\r\x1b[K'),
  }
}

/** Prints an ingest result: problems to stderr, one summary line to stdout; sets a failing exit code on problems. */
export function reportIngest(ctx: CliContext, result: IngestResult): void {
  for (const p of result.problems) {
    println(ctx.io.stderr, `reckon: ${p.message}`)
    ctx.fail(toExitCode(new DomainError(p.code, p.message)))
  }
  const created = result.items.filter((i) => i.created).length
  for (const i of result.items) for (const w of i.warnings) println(ctx.io.stderr, `reckon: warning: ${i.path}: ${w}`)
  println(
    ctx.io.stdout,
    `ingested ${created} new source${created === 1 ? '' : 's'}, ${result.items.length - created} already stored` +
      (result.problems.length > 0 ? `, ${result.problems.length} failed` : ''),
  )
}

/** What every queued ingest job of one command carries besides its file. */
type IngestJobMeta = Omit<JobData['ingest'], 'path'>

/** Queues one ingest job per readable file (absolute paths, so any worker on a shared filesystem can read them). */
async function queueIngest(ctx: CliContext, paths: readonly string[], meta: IngestJobMeta): Promise<void> {
  const queue = await openCliQueue(ctx)
  const { files, problems } = await collectFiles(paths.map((p) => resolve(ctx.io.cwd, p)))
  for (const p of problems) {
    println(ctx.io.stderr, `reckon: ${p.message}`)
    ctx.fail(toExitCode(new DomainError(p.code, p.message)))
  }
  for (const path of files) await queue.send('ingest', { path, ...meta })
  println(ctx.io.stdout, `queued ${files.length} ingest job${files.length === 1 ? '' : 's'}`)
}

/** Registers `reckon ingest`. */
export function ingestCommand(program: Command, ctx: CliContext): void {
  program
    .command('ingest')
    .description('read .txt, .md, .html and .pdf files (folders recursively) into the store as sources; the same bytes twice are stored once')
    .argument('<paths...>', 'files or folders')
    .option('--kind <kind>', `kind of publisher: ${SOURCE_KINDS.join(', ')}`, 'other')
    .option('--publisher <name>', 'publisher of every file')
    .option('--published <date>', 'publication date of every file (YYYY-MM-DD), to resolve "Thursday", "last month"')
    .option('--no-extract', 'store the sources only: no claims, incidents or figures')
    .option('--queue', 'queue one ingest job per file for `reckon worker` instead of ingesting here (PostgreSQL)')
    .addHelpText('after', '\nExit code is non-zero when any path failed; the others are still ingested.')
    .action(async (paths: string[], o: { kind: string; publisher?: string; published?: string; extract?: boolean; queue?: boolean }) => {
      const published: unknown = o.published
      if (published !== undefined && !isLocalDate(published)) throw new DomainError('invalid_input', `--published must be a date YYYY-MM-DD (got ${JSON.stringify(published)})`)
      if (!isOneOf(SOURCE_KINDS, o.kind)) throw new DomainError('invalid_input', `--kind must be one of ${SOURCE_KINDS.join(', ')} (got "${o.kind}")`)
      const meta: IngestJobMeta = { kind: o.kind, publisher: o.publisher ?? null, published: o.published ?? null, extract: o.extract !== false }
      if (o.queue === true) return queueIngest(ctx, paths, meta)
      const config = ctx.config()
      const store = await openCliStore(ctx)
      let bar: ReturnType<typeof progressBar> | null = null
      // One worker: files are ingested one at a time; the worker bounds each file's time and memory.
      const pool = new DocumentPool({ size: 1, timeoutMs: config.documentTimeoutMs, memoryMb: config.documentMemoryMb })
      let result: IngestResult
      try {
        result = await ingestReports(store, paths, {
          ...meta,
          ctx: { actor: 'cli', why: 'reckon ingest' },
          maxBytes: config.maxDocumentBytes,
          pool,
          onProgress: (done, total, path) => {
            bar ??= progressBar(ctx.io, total)
            bar.tick(done, path)
          },
        })
      } finally {
        await pool.close()
      }
      ;(bar as ReturnType<typeof progressBar> | null)?.end()
      reportIngest(ctx, result)
    })
}
