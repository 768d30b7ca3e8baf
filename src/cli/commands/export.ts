/**
 * @module `reckon export --format acled|ucdp-ged [--out FILE] [--raw]`: incidents in a dataset's column layout; and
 * `reckon export --what victims`: named victims, one CSV row each. Cells a
 * spreadsheet would run as a formula are neutralised unless --raw asks for the exact cells a round trip needs.
 */
import { createWriteStream } from 'node:fs'
import type { Writable } from 'node:stream'
import type { Command } from 'commander'
import { DomainError } from '../../domain/errors.js'
import { isOneOf } from '../../domain/values.js'
import { exportVictims } from '../../app/export-victims.js'
import { EXPORT_FORMATS, exportDataset, type ExportFormat } from '../../importers/export-dataset.js'
import type { CliContext } from '../context.js'
import { println } from '../io.js'
import { openCliStoreToRead } from './db.js'

/** What `reckon export` writes: incidents in a dataset's layout, or named victims. */
const EXPORT_WHAT = ['incidents', 'victims'] as const

/** Writes to a stream, waiting when it asks for a pause. */
function writer(out: Writable): (chunk: string) => Promise<void> | void {
  return (chunk) => (out.write(chunk) ? undefined : new Promise<void>((resolve) => out.once('drain', () => resolve())))
}

/** Registers `reckon export`. */
export function exportCommand(program: Command, ctx: CliContext): void {
  program
    .command('export')
    .description(
      'write every active incident as CSV in the ACLED or UCDP GED column layout (with --raw, rows imported from that format come back unchanged), or with --what victims every named victim, one CSV row each',
    )
    .option('--format <format>', `output layout of incidents: ${EXPORT_FORMATS.join(', ')}`)
    .option('--what <what>', `what to write: ${EXPORT_WHAT.join(', ')} (victims: one row per named victim with its incident and the sources naming them)`, 'incidents')
    .option('--out <file>', 'write to a file instead of standard output')
    .option('--raw', 'write cells exactly, without neutralising spreadsheet formulas (for a round trip into another program, not for a spreadsheet)')
    .action(async (o: { format?: string; what: string; out?: string; raw?: boolean }) => {
      if (!isOneOf(EXPORT_WHAT, o.what)) throw new DomainError('invalid_input', `--what must be one of ${EXPORT_WHAT.join(', ')} (got "${o.what}")`)
      const format = o.format
      if (o.what === 'incidents' && (format === undefined || !isOneOf(EXPORT_FORMATS, format))) {
        throw new DomainError('invalid_input', `--format must be one of ${EXPORT_FORMATS.join(', ')} (got ${format === undefined ? 'none' : `"${format}"`})`)
      }
      if (o.what === 'victims' && format !== undefined) throw new DomainError('invalid_input', '--what victims writes its own columns: leave out --format')
      const csv = { formulas: o.raw === true ? 'raw' : 'neutralise' } as const
      const store = await openCliStoreToRead(ctx)
      const run = async (write: (chunk: string) => Promise<void> | void): Promise<[number, string]> => {
        if (o.what === 'incidents') return [await exportDataset(store, format as ExportFormat, write, csv), 'incident']
        return [await exportVictims(store, {}, write, csv), 'victim']
      }
      if (o.out === undefined) {
        await run(writer(ctx.io.stdout))
        return
      }
      const file = createWriteStream(o.out)
      const [n, noun] = await run(writer(file))
      await new Promise<void>((resolve, reject) => file.end((e?: Error | null) => (e ? reject(e) : resolve())))
      println(ctx.io.stderr, `exported ${n} ${noun}${n === 1 ? '' : 's'} to ${o.out}`)
    })
}
