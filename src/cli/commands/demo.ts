/** @module `reckon demo` (what `npm start` runs): ingest the bundled sample reports and list them. */
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Command } from 'commander'
import { ingestPaths } from '../../app/ingest.js'
import { DomainError } from '../../domain/errors.js'
import { describeDatabase } from '../../storage/open-store.js'
import type { CliContext } from '../context.js'
import { println } from '../io.js'
import { openCliStore } from './db.js'
import { reportIngest } from './ingest.js'
import { printSources } from './sources.js'

/** The samples/ folder shipped with Reckon, found from this file (src/ or dist/), not from the working directory. */
export function samplesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'samples')) && existsSync(join(dir, 'package.json'))) return join(dir, 'samples')
    dir = dirname(dir)
  }
  throw new DomainError('not_found', 'cannot find the bundled samples/ folder')
}

/** Registers `reckon demo`. */
export function demoCommand(program: Command, ctx: CliContext): void {
  program
    .command('demo')
    .description('ingest the bundled sample reports (samples/) into the configured store and list the stored sources')
    .action(async () => {
      const config = ctx.config()
      const store = await openCliStore(ctx)
      println(ctx.io.stdout, `store: ${describeDatabase(config.database)}`)
      const result = await ingestPaths(store, [samplesDir()], { ctx: { actor: 'cli', why: 'reckon demo' }, maxBytes: config.maxDocumentBytes, meta: { kind: 'other' } })
      reportIngest(ctx, result)
      printSources(ctx, await store.sources.list({ limit: 100 }), false)
      println(ctx.io.stdout, 'try: reckon sources --search drone')
    })
}
