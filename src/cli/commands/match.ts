/** @module `reckon match` (find incidents recorded twice, by datasets or reports, and merge each pair) and `reckon unmatch ID`. */
import type { Command } from 'commander'
import { matchIncidents, unmatchIncident } from '../../app/match-incidents.js'
import type { IncidentId } from '../../domain/ids.js'
import type { IncidentFilter } from '../../storage/store.js'
import type { CliContext } from '../context.js'
import { println } from '../io.js'
import { openCliStore } from './db.js'
import { date } from './incidents.js'
import { parseCountry } from '../../app/country-filter.js'

/** Registers `reckon match` and `reckon unmatch`. */
export function matchCommand(program: Command, ctx: CliContext): void {
  program
    .command('match')
    .description('match incidents recorded by two datasets (or a dataset and a report) as the same strike, merging each pair and saying why')
    .option('--from <date>', 'incidents on or after this date (YYYY-MM-DD)')
    .option('--to <date>', 'incidents on or before this date (YYYY-MM-DD)')
    .option('--country <country>', 'a country: name or ISO 3166-1 alpha-2 code, e.g. Pakistan or PK')
    .option('--why <text>', 'reason recorded with each merge, before the matcher’s explanation')
    .addHelpText('after', '\nEach match is a revision; `reckon unmatch ID` undoes one. `reckon import` matches the rows it imports unless given --no-match.')
    .action(async (o: { from?: string; to?: string; country?: string; why?: string }) => {
      const store = await openCliStore(ctx)
      const filter: IncidentFilter = {
        ...(o.from !== undefined ? { from: date('from', o.from) } : {}),
        ...(o.to !== undefined ? { to: date('to', o.to) } : {}),
        ...(o.country !== undefined ? { country: parseCountry(o.country, '--country') } : {}),
      }
      // Ids first, then matching: merging while paging would shift the pages.
      const ids: IncidentId[] = []
      for (let offset = 0; ; offset += 1000) {
        const page = await store.incidents.list(filter, { limit: 1000, offset })
        ids.push(...page.items.map((i) => i.id))
        if (page.items.length === 0 || offset + page.items.length >= page.total) break
      }
      const err = ctx.io.stderr
      const { checked, matched } = await matchIncidents(store, ids, { actor: 'cli', why: o.why ?? 'reckon match' }, (done) => {
        if (err.isTTY) err.write(`\r\x1b[K${done} of ${ids.length} incidents checked`)
      })
      if (err.isTTY) err.write('\r\x1b[K')
      for (const m of matched) println(ctx.io.stdout, `${m.from} → ${m.into}  ${m.reason}`)
      println(ctx.io.stdout, `${checked} incident${checked === 1 ? '' : 's'} checked, ${matched.length} matched`)
    })
  program
    .command('unmatch')
    .description('undo a match (or any merge): the merged incident comes back with its claims, both reconciled again')
    .argument('<id>', 'the incident that was merged (shown as "merged into" by `reckon incident`)')
    .option('--why <text>', 'reason recorded with the change', 'reckon unmatch')
    .action(async (id: string, o: { why: string }) => {
      const store = await openCliStore(ctx)
      const { restored, from } = await unmatchIncident(store, id as IncidentId, { actor: 'cli', why: o.why })
      println(ctx.io.stdout, `${restored} is its own incident again (claims moved back from ${from})`)
    })
}
