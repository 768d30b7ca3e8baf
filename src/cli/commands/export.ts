/**
 * @module `reckon export --format acled|ucdp-ged [--out FILE] [--raw]`: incidents in a dataset's column layout. Cells a
 * spreadsheet would run as a formula are neutralised unless --raw asks for the exact cells a round trip needs.
 */
import { createWriteStream } from 'node:fs'
import type { Writable } from 'node:stream'
import type { Command } from 'commander'
import { DomainError } from '../../domain/errors.js'
import { isOneOf } from '../../domain/values.js'
import { EXPORT_FORMATS, exportDataset } from '../../importers/export-dataset.js'
import type { CliContext } from '../context.js'
import { println } from '../io.js'
import { openCliStoreToRead } from './db.js'

/** Writes to a stream, waiting when it asks for a pause. */
function writer(out: Writable): (chunk: string) => Promise<void> | void {
  return (chunk) => (out.write(chunk) ? undefined : new Promise<void>((resolve) => out.once('drain', () => resolve())))
}

/** Registers `reckon export`. */
export function exportCommand(program: Command, ctx: CliContext): void {
  program
    .command('export')
    .description('write every active incident as CSV in the ACLED or UCDP GED column layout (with --raw, rows imported from that format come back unchanged)')
    .requiredOption('--format <format>', `output layout: ${EXPORT_FORMATS.join(', ')}`)
    .option('--out <file>', 'write to a file instead of standard output')
    .option('--raw', 'write cells exactly, without neutralising spreadsheet formulas (for a round trip into another program, not for a spreadsheet)')
    .action(async (o: { format: string; out?: string; raw?: boolean }) => {
      if (!isOneOf(EXPORT_FORMATS, o.format)) throw new DomainError('invalid_input', `--format must be one of ${EXPORT_FORMATS.join(', ')} (got "${o.format}")`)
      const csv = { formulas: o.raw === true ? 'raw' : 'neutralise' } as const
      const store = await openCliStoreToRead(ctx)
      if (o.out === undefined) {
        await exportDataset(store, o.format, writer(ctx.io.stdout), csv)
        return
      }
      const file = createWriteStream(o.out)
      const n = await exportDataset(store, o.format, writer(file), csv)
      await new Promise<void>((resolve, reject) => file.end((e?: Error | null) => (e ? reject(e) : resolve())))
      println(ctx.io.stderr, `exported ${n} incident${n === 1 ? '' : 's'} to ${o.out}`)
    })
}
