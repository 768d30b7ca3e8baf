/** @module `reckon import --format acled|ucdp-ged|dronestream FILE`: a dataset file into the store, resumably. */
import { createReadStream } from 'node:fs'
import { basename, resolve } from 'node:path'
import type { Command } from 'commander'
import { DomainError } from '../../domain/errors.js'
import { isOneOf } from '../../domain/values.js'
import { DATASET_FORMATS } from '../../importers/dataset.js'
import { matchIncidents } from '../../app/match-incidents.js'
import { DEFAULT_IMPORT_BATCH, importDataset } from '../../app/import-dataset.js'
import type { CliContext } from '../context.js'
import { toExitCode } from '../errors.js'
import { println } from '../io.js'
import { openCliStore } from './db.js'
import { openCliQueue } from './worker.js'
import { importExpiry } from '../../worker/queue.js'
import { checkDatasetFile } from '../../importers/dataset-file.js'

/** Registers `reckon import`. */
export function importCommand(program: Command, ctx: CliContext): void {
  program
    .command('import')
    .description('import a dataset file (one source, its claims and an incident per row); re-running adds nothing and resumes an interrupted import')
    .requiredOption('--format <format>', `dataset format: ${DATASET_FORMATS.join(', ')}`)
    .option('--batch <n>', 'rows per transaction', String(DEFAULT_IMPORT_BATCH))
    .option('--queue', 'queue the import for `reckon worker` instead of running it here (PostgreSQL)')
    .option('--no-match', 'do not match the rows to incidents on record from other datasets and reports (faster bulk loads; run `reckon match` later)')
    .argument('<file>', 'the dataset file (CSV for acled and ucdp-ged; JSON or JSON Lines for dronestream)')
    .addHelpText('after', '\nBad rows are reported by line and skipped; the exit code is then non-zero.')
    .action(async (file: string, o: { format: string; batch: string; queue?: boolean; match: boolean }) => {
      if (!isOneOf(DATASET_FORMATS, o.format)) throw new DomainError('invalid_input', `--format must be one of ${DATASET_FORMATS.join(', ')} (got "${o.format}")`)
      const batchSize = Number(o.batch)
      if (!Number.isInteger(batchSize) || batchSize < 1) throw new DomainError('invalid_input', `--batch must be a positive whole number (got "${o.batch}")`)
      // A folder, a missing file or one of another format is refused once, before the store is touched.
      const size = await checkDatasetFile(resolve(ctx.io.cwd, file), o.format)
      if (o.queue === true) {
        const queue = await openCliQueue(ctx)
        const path = resolve(ctx.io.cwd, file)
        // Cutting a file into parts reads all of it once: a huge file gets an expiry long enough for that read.
        const id = await queue.send('import', { format: o.format, file: path, batchSize }, { expireInSeconds: importExpiry(queue.policy, size) })
        println(ctx.io.stdout, `queued import job ${id}`)
        return
      }
      const store = await openCliStore(ctx)
      const err = ctx.io.stderr
      const started = Date.now()
      const stream = createReadStream(resolve(ctx.io.cwd, file), { highWaterMark: 1 << 20 })
      const opened = new Promise<void>((resolve, reject) => { stream.once('open', () => resolve()); stream.once('error', reject) })
      try {
        await opened
      } catch (e) {
        throw new DomainError('not_found', `cannot read ${file}`, { cause: e })
      }
      const change = { actor: 'cli', why: `reckon import --format ${o.format} ${basename(file)}` }
      // Into an empty store there is nothing to match against (rows of one dataset are never one strike), and no
      // reader to slow down: the list and totals indexes and full-text indexing are set aside and rebuilt once, at the end.
      const empty = (await store.incidents.list({ status: 'all' }, { limit: 1 })).total === 0
      const match = o.match && !empty
      let matched = 0
      let line = ''
      const result = await importDataset(store, o.format, stream, {
        ctx: change,
        deferIndexes: empty,
        withStored: match
          ? async (tx, ids) => {
              // The whole batch as one chunk: its candidates are read once, in its transaction.
              matched += (await matchIncidents(tx, ids, change, undefined, ids.length)).matched.length
            }
          : undefined,
        batchSize,
        filename: basename(file),
        onProgress: (p) => {
          line = `${p.rows} rows read, ${p.imported} new, ${p.skipped} already stored, ${p.problems} bad`
          if (err.isTTY) err.write(`\r\x1b[K${line}`)
        },
        onRebuild: () => {
          if (err.isTTY) err.write(`\r\x1b[K${line}; rebuilding the indexes set aside for the load`)
        },
      })
      if (err.isTTY) err.write('\r\x1b[K')
      for (const p of result.problems) println(err, `reckon: ${basename(file)}:${p.line}: ${p.message}`)
      if (result.problems.length > 0) ctx.fail(toExitCode(new DomainError('invalid_value', 'bad rows')))
      const secs = Math.max(0.001, (Date.now() - started) / 1000)
      const revised = result.superseded > 0 ? `, ${result.superseded} revised (superseding their earlier version)` : ''
      const matches = match ? `, ${matched} matched to incidents on record` : o.match ? ', nothing on record to match against' : ''
      println(ctx.io.stdout, `imported ${result.sources} new row${result.sources === 1 ? '' : 's'} (${result.claims} claims, ${result.incidents} incidents)${revised}, ${result.skipped} already stored, ${result.problems.length} bad${matches}, in ${secs.toFixed(1)} s`)
    })
}
