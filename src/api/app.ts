/**
 * @module The HTTP API as a Hono app: createApp wires routes, auth, limits and error mapping over a Store.
 * It never listens; server.ts (and tests through `app.request`) drive it.
 */
import { Hono, type MiddlewareHandler } from 'hono'
import { secureHeaders } from 'hono/secure-headers'
import type { Config } from '../config.js'
import { DomainError } from '../domain/errors.js'
import type { Store } from '../storage/store.js'
import { makeAuthorizer } from './auth.js'
import type { ApiDeps } from './deps.js'
import { toHttpError } from './errors.js'
import { publicExtractLimits } from './extract-limits.js'
import { buildOpenApi } from './openapi.js'
import { RateLimiter } from './rate-limit.js'
import { ReadCache } from './read-cache.js'
import { requestLog, type RequestLogEntry } from './request-log.js'
import { mountRoutes, route, type AnyRoute, type ApiEnv } from './route.js'
import { claimRoutes } from './routes/claims.js'
import { exportRoutes } from './routes/exports.js'
import { incidentRoutes } from './routes/incidents.js'
import { mapRoutes } from './routes/map.js'
import { metaRoutes } from './routes/meta.js'
import { placeRoutes } from './routes/places.js'
import { searchRoutes } from './routes/search.js'
import { sessionRoutes } from './routes/session.js'
import { sourceRoutes } from './routes/sources.js'
import { victimRoutes } from './routes/victims.js'
import type { RouteContext } from './routes/context.js'
import { serveWebApp } from './static.js'

/** Options beyond the config: logging, response checking in tests, and where the built web app is. */
export interface AppOptions {
  /** Called with unexpected errors (the client sees only `internal_error` and the request id). */
  readonly log?: (message: string, error?: unknown, fields?: { readonly requestId: string }) => void
  /** Called once per request when its answer is ready: the access log (`reckon serve` writes it at level info). */
  readonly access?: (entry: RequestLogEntry) => void
  /** Validate every JSON response against its schema (tests). */
  readonly checkResponses?: boolean
  /** Directory of the built web app (web/dist) to serve at /, or null for the API only. */
  readonly webRoot?: string | null
  /**
   * Called after every successful write (not /api/extract, which stores nothing), once its answer is ready: `reckon
   * serve` re-checks the store's findings then, in the background.
   */
  readonly onWrite?: () => void
  /** Rate limiter to share, e.g. to inspect in tests; one per app by default. */
  readonly limiter?: RateLimiter
}

/**
 * Content-Security-Policy for the API and the web app: same-origin only, no inline script, workers from blob:
 * (the map library builds its worker that way), and no framing.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  workerSrc: ["'self'", 'blob:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
}

/** Every API route, in the order the OpenAPI document lists them. */
export function apiRoutes(ctx: RouteContext): AnyRoute[] {
  return [...metaRoutes(ctx), ...sourceRoutes(ctx), ...claimRoutes(ctx), ...incidentRoutes(ctx), ...exportRoutes(ctx), ...placeRoutes(ctx), ...searchRoutes(ctx), ...victimRoutes(ctx), ...mapRoutes(ctx), ...sessionRoutes(ctx)]
}

/** Answers 503 `timeout` when a request takes longer than `ms` (the work itself cannot be cancelled and finishes unobserved). */
export function timeoutAfter(ms: number): MiddlewareHandler<ApiEnv> {
  return async (_c, next) => {
    let timer: NodeJS.Timeout | undefined
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new DomainError('timeout', `the request took longer than ${ms} ms`)), ms)
    })
    try {
      await Promise.race([next(), limit])
    } finally {
      clearTimeout(timer)
    }
  }
}

/** Builds the API over a store. */
export function createApp(store: Store, config: Readonly<Config>, deps: ApiDeps, opts: AppOptions = {}): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>()
  const log = opts.log ?? ((m: string, e?: unknown) => console.error(m, e))
  const limiter = opts.limiter ?? new RateLimiter({ perMinute: config.rateLimitPerMinute })
  app.onError((e, c) => {
    const h = toHttpError(e)
    if (h.unexpected) log(`${c.req.method} ${c.req.path}: unexpected error`, e, { requestId: c.get('requestId') })
    return c.json(h.body, h.status)
  })
  app.use('*', requestLog(opts.access))
  app.use('*', secureHeaders({ contentSecurityPolicy: CONTENT_SECURITY_POLICY, crossOriginEmbedderPolicy: false, xFrameOptions: 'DENY' }))
  app.use('/api/*', timeoutAfter(config.requestTimeoutMs))
  app.use('/api/*', async (c, next) => {
    await next()
    // API answers depend on the token and change with every write: never cache them in shared caches.
    if (!c.res.headers.has('cache-control')) c.header('Cache-Control', 'no-store')
  })
  if (opts.onWrite) {
    const onWrite = opts.onWrite
    app.use('/api/*', async (c, next) => {
      await next()
      if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && c.req.path !== '/api/extract' && c.req.path !== '/api/session' && c.res.status < 400) onWrite()
    })
  }

  app.post('/api/extract', publicExtractLimits({ maxTextBytes: config.publicExtractBytes, perMinute: config.extractRateLimitPerMinute }))

  const ctx: RouteContext = { store, config, deps }
  const routes = apiRoutes(ctx)
  let openapi: Record<string, unknown> | undefined
  const openapiRoute: AnyRoute = route({
    method: 'get',
    path: '/api/openapi.json',
    operationId: 'openapi',
    summary: 'This OpenAPI 3.1 document.',
    tags: ['meta'],
    access: 'open',
    handler: async ({ c }) => Promise.resolve(c.json((openapi ??= buildOpenApi([openapiRoute, ...routes], { title: 'Reckon API', version: deps.version })))),
    produces: 'application/json',
  })
  mountRoutes(app, [openapiRoute, ...routes], {
    authorize: makeAuthorizer({ tokens: store.tokens, sessions: store.sessions, privateReads: config.privateReads, limiter }),
    limits: { json: config.maxBodyBytes, document: config.maxDocumentBytes },
    checkResponses: opts.checkResponses ?? false,
    cache: new ReadCache({ ttlMs: config.readCacheMs }),
  })
  app.all('/api/*', () => {
    throw new DomainError('not_found', 'no such API endpoint')
  })
  if (opts.webRoot) serveWebApp(app, opts.webRoot)
  app.notFound((c) => c.json({ error: { code: 'not_found', message: 'not found' } }, 404))
  return app
}
