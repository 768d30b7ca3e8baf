/**
 * @module `reckon demo` (what `npm start` runs): ingest the bundled sample reports with their metadata, extract and
 * link their claims, check the store, then serve the API and the web app on it until interrupted.
 */
import { existsSync, readFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Command } from 'commander'
import { checkStore } from '../../app/check-store.js'
import { collectFiles, ingestPaths, type IngestResult } from '../../app/ingest.js'
import { processSourceHook } from '../../app/process-source.js'
import { DomainError } from '../../domain/errors.js'
import { sourceMeta, type SourceMeta } from '../../domain/source.js'
import { describeDatabase } from '../../storage/open-store.js'
import type { CliContext } from '../context.js'
import { println } from '../io.js'
import { ensureCanListen } from '../listen-port.js'
import { openCliStore } from './db.js'
import { reportIngest } from './ingest.js'
import { listenHost, listenPort, serveUntilStopped } from './serve.js'

/** The samples/ folder shipped with Reckon, found from this file (src/ or dist/), not from the working directory. */
export function samplesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'samples')) && existsSync(join(dir, 'package.json'))) return join(dir, 'samples')
    dir = dirname(dir)
  }
  throw new DomainError('not_found', 'cannot find the bundled samples/ folder')
}

/** Per-file metadata from samples/manifest.json (publisher, kind, published date), validated. */
export function sampleManifest(dir: string): Map<string, SourceMeta> {
  const path = join(dir, 'manifest.json')
  const raw = JSON.parse(readFileSync(path, 'utf8')) as { files?: Record<string, unknown> }
  const out = new Map<string, SourceMeta>()
  for (const [name, meta] of Object.entries(raw.files ?? {})) out.set(name, sourceMeta(meta, `${path}: files.${name}`))
  return out
}

/** Registers `reckon demo`. */
export function demoCommand(program: Command, ctx: CliContext): void {
  program
    .command('demo')
    .description('ingest the bundled sample reports (samples/), extract, link and check their claims, then serve the web app on them')
    .option('--no-serve', 'stop after ingesting and checking')
    .option('--port <n>', 'port to serve on (default RECKON_PORT or 8080)')
    .action(async (o: { serve: boolean; port?: string }) => {
      const config = ctx.config()
      // A busy port is said before the samples are read, not after.
      if (o.serve) await ensureCanListen(listenHost(ctx, {}), listenPort(ctx, { port: o.port }))
      const store = await openCliStore(ctx, { listIndex: ctx.config().listIndex ? 'background' : 'off' })
      println(ctx.io.stdout, `store: ${describeDatabase(config.database)}`)
      const dir = samplesDir()
      const manifest = sampleManifest(dir)
      const change = { actor: 'cli', why: 'reckon demo: bundled samples' }
      const items: IngestResult['items'][number][] = []
      const problems: IngestResult['problems'][number][] = []
      // One file at a time, each with its own metadata; files without an entry still go in, undated.
      const { files } = await collectFiles([dir])
      for (const file of files) {
        const r = await ingestPaths(store, [file], {
          ctx: change,
          maxBytes: config.maxDocumentBytes,
          meta: manifest.get(basename(file)) ?? { kind: 'other' },
          afterSource: processSourceHook(change),
        })
        items.push(...r.items)
        problems.push(...r.problems)
      }
      reportIngest(ctx, { items, problems })
      const { findings, claims } = await checkStore(store)
      const incidents = await store.incidents.list({}, { limit: 1 })
      println(ctx.io.stdout, `${claims} claims, ${incidents.total} incidents, ${findings.length} findings (${findings.filter((f) => f.kind === 'contradiction').length} contradictions)`)
      for (const f of findings) println(ctx.io.stdout, `  ${f.kind}: ${f.summary}`)
      if (!o.serve) return
      await serveUntilStopped(ctx, store, { port: o.port })
    })
}
