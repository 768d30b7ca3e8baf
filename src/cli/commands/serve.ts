/** @module `reckon serve`: the HTTP API (and the built web app, when present) on the configured store. */
import cluster from 'node:cluster'
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Command } from 'commander'
import { createApp } from '../../api/app.js'
import { DocumentPool } from '../../app/document-pool.js'
import { FindingsRefresher } from '../../app/findings-refresher.js'
import { apiDeps } from '../../api/deps.js'
import { documentUseCases } from '../../app/document-use-cases.js'
import { startServer } from '../../api/server.js'
import type { RequestLogEntry } from '../../api/request-log.js'
import { hasWebApp } from '../../api/static.js'
import { DomainError } from '../../domain/errors.js'
import { describeDatabase } from '../../storage/open-store.js'
import type { Store } from '../../storage/store.js'
import type { CliContext } from '../context.js'
import { println } from '../io.js'
import { ensureCanListen, listenProblem } from '../listen-port.js'
import { logFormat, makeLog } from '../log.js'
import { openCliStore } from './db.js'

/** web/dist of this Reckon install, found from this file (src/ or dist/), or null when the web app is not built. */
export function defaultWebRoot(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'package.json'))) return hasWebApp(join(dir, 'web', 'dist')) ? join(dir, 'web', 'dist') : null
    dir = dirname(dir)
  }
  return null
}

function port(v: string): number {
  const n = Number(v)
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new DomainError('invalid_input', `--port must be a whole number from 0 to 65535 (got "${v}")`)
  return n
}

/** Registers `reckon serve`. */
export function serveCommand(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .description('serve the HTTP API at /api (and the web app at / when web/dist is built) until interrupted')
    .option('--host <host>', 'address to listen on (default RECKON_HOST or 127.0.0.1)')
    .option('--port <n>', 'port to listen on, 0 for any free one (default RECKON_PORT or 8080)')
    .option('--web <dir>', 'serve the built web app from this folder (default: web/dist when present)')
    .option('--no-web', 'serve the API only')
    .option('--workers <n>', 'processes answering requests on the one port, e.g. one per core (default RECKON_SERVE_WORKERS or 1)')
    .option('--log <format>', 'text: errors as sentences for people (default); json: one JSON object per line, for machines')
    .addHelpText(
      'after',
      '\nWith several workers each keeps its own read cache (another worker\'s writes show within RECKON_READ_CACHE_MS) and its\nown rate limit, so a client may make up to workers × RECKON_RATE_LIMIT requests a minute.',
    )
    .action(async (o: ServeOptions & { workers?: string }) => {
      const workers = o.workers === undefined ? ctx.config().serveWorkers : count(o.workers)
      logFormat(o.log)
      // A busy port is said before anything else happens (migrations, forking workers, building the list snapshot).
      if (cluster.isPrimary) await ensureCanListen(listenHost(ctx, o), listenPort(ctx, o))
      if (workers > 1 && cluster.isPrimary) {
        // Migrations run once, here, before any worker opens the store.
        await (await openCliStore(ctx)).close()
        await superviseWorkers(ctx, workers)
        return
      }
      await serveUntilStopped(ctx, await openCliStore(ctx, { listIndex: ctx.config().listIndex ? 'background' : 'off' }), o)
    })
}

function count(v: string): number {
  const n = Number(v)
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new DomainError('invalid_input', `--workers must be a whole number from 1 to 64 (got "${v}")`)
  return n
}

/**
 * Forks `n` workers running this same command (they share the listening port through node:cluster), prints where
 * they listen once, restarts none (a crash ends the whole server, as a single process would), and stops them all on
 * SIGINT or SIGTERM.
 */
async function superviseWorkers(ctx: CliContext, n: number): Promise<void> {
  const out = ctx.io.stdout
  const workers = Array.from({ length: n }, () => cluster.fork())
  let announced = false
  let stopping = false
  await new Promise<void>((done) => {
    let exited = 0
    for (const w of workers) {
      w.on('listening', (a) => {
        if (announced) return
        announced = true
        const host = a.address === null || a.address === undefined ? '127.0.0.1' : a.address.includes(':') ? `[${a.address}]` : a.address
        println(out, `reckon: ${n} workers listening on http://${host}:${a.port}`)
      })
      w.on('exit', (code) => {
        exited++
        if (!stopping) {
          // One worker gone means the server is no longer what was asked for: stop the rest and fail, with the
          // worker's own exit code when it gave one (69 for a port taken meanwhile), never 0.
          stopping = true
          ctx.fail(code !== null && code !== 0 ? code : 70)
          for (const other of workers) if (!other.isDead()) other.kill('SIGTERM')
        }
        if (exited === workers.length) done()
      })
    }
    const stop = (): void => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      stopping = true
      for (const w of workers) if (!w.isDead()) w.kill('SIGTERM')
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  println(out, 'reckon: stopped')
}

/** The host `serve` or `demo` listens on: --host, else RECKON_HOST. */
export function listenHost(ctx: CliContext, o: ServeOptions): string {
  return o.host ?? ctx.config().host
}

/** The port `serve` or `demo` listens on: --port, else RECKON_PORT. */
export function listenPort(ctx: CliContext, o: ServeOptions): number {
  return o.port === undefined ? ctx.config().port : port(o.port)
}

/** Where and what `serve` (and `demo`) serve. */
export interface ServeOptions {
  readonly host?: string
  readonly port?: string
  /** A folder, false for none, or undefined for web/dist when built. */
  readonly web?: string | boolean
  /** `--log`: text (default) or json. */
  readonly log?: string
}

/** Serves the API (and the web app) on `store` until SIGINT or SIGTERM. */
export async function serveUntilStopped(ctx: CliContext, store: Store, o: ServeOptions): Promise<void> {
  const config = ctx.config()
  const webRoot = o.web === false ? null : typeof o.web === 'string' ? resolve(ctx.io.cwd, o.web) : defaultWebRoot()
  if (webRoot !== null && !hasWebApp(webRoot)) throw new DomainError('not_found', `--web: ${webRoot} has no index.html (build the web app first)`)
  const write = makeLog(ctx.io.stderr, logFormat(o.log), 'reckon', config.logLevel)
  const log = (m: string, e?: unknown, fields?: { readonly requestId: string }): void =>
    write('error', `${m}: ${e instanceof Error ? e.message : String(e)}${fields ? ` (request ${fields.requestId})` : ''}`, {
      event: 'error', ...fields, error: e instanceof Error ? e.message : String(e), stack: e instanceof Error ? e.stack : undefined,
    })
  // The access log: one line per request (one JSON object with --log json), dropped below RECKON_LOG_LEVEL=info.
  const access = (r: RequestLogEntry): void => write('info', `${r.method} ${r.path} ${r.status} ${r.ms} ms (request ${r.requestId})`, { event: 'request', ...r })
  // Findings follow the claims: each write through this server re-checks the store in the background, on a thread
  // of its own, so neither the write nor any read waits for a whole-store check.
  const findings = new FindingsRefresher(store, (e) => log('re-checking findings failed', e), config.checkThread ? { database: config.database } : {})
  // Reading uploads and extracting claims run on worker threads, so a huge text or a hostile PDF never holds the
  // thread that answers requests; each job has the request's time budget (or less) and a memory limit.
  const pool = new DocumentPool({ timeoutMs: Math.min(config.documentTimeoutMs, config.requestTimeoutMs), memoryMb: config.documentMemoryMb })
  const app = createApp(store, config, apiDeps(documentUseCases({ pool })), { webRoot, log, access, onWrite: () => findings.request() })
  // Lists and totals are answered from the snapshot from the first request on, not from SQL while it is built.
  await store.warm()
  const host = listenHost(ctx, o)
  const wanted = listenPort(ctx, o)
  const server = await startServer(app, host, wanted).catch((e: unknown) => {
    throw listenProblem(e, host, wanted) ?? e
  })
  // A cluster worker leaves the banner to the process that started it.
  const say = (m: string): void => (cluster.isWorker ? undefined : println(ctx.io.stdout, m))
  say(`reckon: listening on ${server.url} (store: ${describeDatabase(config.database)}${webRoot ? `, web app: ${webRoot}` : ''})`)
  if (webRoot === null) say('reckon: the web app is not built (npm run build:web); serving the API only')
  else say(`reckon: open ${server.url}/ in a browser; Ctrl-C stops the server`)
  if (!config.privateReads) say('reckon: reads are public; writes need a token (reckon token create --role editor --name NAME)')
  await new Promise<void>((done) => {
    const stop = (): void => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      done()
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  // Jobs still running are refused (their requests answer 503) and their threads ended, so closing waits on nothing.
  const closing = server.close()
  await pool.close()
  await closing
  await findings.close()
  if (!cluster.isWorker) println(ctx.io.stdout, 'reckon: stopped')
}
