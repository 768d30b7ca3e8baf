/** @module `reckon sources`: list stored sources, or search their text. */
import type { Command } from 'commander'
import { DomainError } from '../../domain/errors.js'
import type { SourceSummary } from '../../domain/source.js'
import type { Page, SourceHit, Store } from '../../storage/store.js'
import type { CliContext } from '../context.js'
import { println } from '../io.js'
import { openCliStoreToRead } from './db.js'

function positiveInt(name: string, v: string): number {
  const n = Number(v)
  if (!Number.isInteger(n) || n < 0) throw new DomainError('invalid_input', `${name} must be a whole number (got "${v}")`)
  return n
}

/** Prints a page of sources as a table (with snippets for search hits) or as JSON. */
export function printSources(ctx: CliContext, page: Page<SourceSummary | SourceHit>, json: boolean): void {
  if (json) {
    println(ctx.io.stdout, JSON.stringify(page, null, 2))
    return
  }
  if (page.items.length === 0) {
    println(ctx.io.stdout, page.total === 0 ? 'no sources' : `no sources on this page (${page.total} in all)`)
    return
  }
  for (const s of page.items) {
    const name = s.title ?? s.filename ?? '(untitled)'
    println(ctx.io.stdout, `${s.id}  ${s.kind.padEnd(10)} ${String(s.textLength).padStart(7)} chars  ${name}`)
    if ('snippet' in s) println(ctx.io.stdout, `    ${s.snippet.replace(/\s+/g, ' ')}`)
  }
  const last = page.offset + page.items.length
  if (page.total > page.items.length) println(ctx.io.stdout, `${page.offset + 1}–${last} of ${page.total}`)
}

/** Lists or searches sources as the options say. */
export async function listSources(store: Store, o: { search?: string; limit?: number; offset?: number }): Promise<Page<SourceSummary | SourceHit>> {
  const page = { limit: o.limit ?? 50, offset: o.offset ?? 0 }
  return o.search === undefined ? store.sources.list(page) : store.sources.search(o.search, page)
}

/** Registers `reckon sources`. */
export function sourcesCommand(program: Command, ctx: CliContext): void {
  program
    .command('sources')
    .description('list stored sources, oldest first, or full-text search them (best match first)')
    .option('--search <words>', 'only sources containing every word (English stemming: "drone" finds "drones")')
    .option('--limit <n>', 'how many to show', '50')
    .option('--offset <n>', 'how many to skip', '0')
    .option('--json', 'print the page as JSON')
    .action(async (o: { search?: string; limit: string; offset: string; json?: boolean }) => {
      const limit = positiveInt('--limit', o.limit)
      const offset = positiveInt('--offset', o.offset)
      const store = await openCliStoreToRead(ctx)
      const page = await listSources(store, { ...(o.search === undefined ? {} : { search: o.search }), limit, offset })
      printSources(ctx, page, o.json === true)
    })
}
