/**
 * @module Declarative routes: one object per endpoint holds its method, path, request and response schemas and the
 * role it needs. `mountRoutes` registers them on Hono with validation; openapi.ts turns the same list into the
 * OpenAPI document, so the spec is never kept by hand.
 */
import type { Context, Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { z } from 'zod'
import type { Role } from '../domain/values.js'
import { DomainError } from '../domain/errors.js'
import { badRequest } from './errors.js'
import { checkMultipartText, checkPathText, checkQueryText, parseJsonBody, refuseBadText } from './request-text.js'
import type { ReadCache } from './read-cache.js'

/** Who may call a route: `open` always; `read` anyone unless reads are private (then a viewer); else that role or higher. */
export type Access = 'open' | 'read' | Role

/** The caller, when a valid token was presented. */
export interface Principal {
  readonly tokenId: string
  readonly name: string
  readonly role: Role
}

/** Hono environment of the API: per-request variables set by middleware. */
export interface ApiEnv {
  Variables: { principal: Principal | null; requestId: string }
}

type AnyObject = z.ZodObject

/** A type with every array and property read-only, so handlers may return domain objects (readonly arrays) as they are. */
export type DeepReadonly<T> = T extends (infer U)[] ? readonly DeepReadonly<U>[] : T extends Date | File | Blob ? T : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T
type Out<S> = S extends z.ZodType ? z.output<S> : undefined

/** What a handler receives: validated, typed inputs, the caller, and the raw context for headers or streaming. */
export interface HandlerInput<P, Q, B, U> {
  readonly params: Out<P>
  readonly query: Out<Q>
  /** The JSON body (undefined when the request was a multipart upload). */
  readonly body: Out<B>
  /** The multipart form (only on routes with `upload`, when the request was multipart). */
  readonly upload: Out<U> | undefined
  readonly principal: Principal | null
  readonly c: Context<ApiEnv>
}

/** One endpoint. */
export interface RouteDef<P = undefined, Q = undefined, B = undefined, U = undefined, R extends z.ZodType | undefined = undefined> {
  readonly method: 'get' | 'post' | 'patch' | 'put' | 'delete'
  /** Hono path syntax (`/api/claims/:id`). */
  readonly path: string
  readonly operationId: string
  readonly summary: string
  readonly tags: readonly string[]
  readonly access: Access
  readonly params?: P
  readonly query?: Q
  readonly body?: B
  /** A multipart/form-data alternative to the JSON body (file uploads). */
  readonly upload?: U
  /** Schema of the JSON response; omit for routes that produce another media type. */
  readonly response?: R
  /** Success status; 200 by default. */
  readonly status?: 200 | 201
  /** Media type of a non-JSON response (for example `text/csv`). */
  readonly produces?: string
  /** Serve from the read cache (see read-cache.ts): only for costly reads whose answer depends on nothing but the URL. */
  readonly cached?: boolean
  /** Largest request body in bytes, when it differs from the JSON default (uploads). */
  readonly maxBodyBytes?: (limits: { json: number; document: number }) => number
  readonly handler: (input: HandlerInput<P, Q, B, U>) => Promise<(R extends z.ZodType ? DeepReadonly<z.input<R>> : never) | Response>
}

/** A route with its type parameters erased, as lists hold them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = RouteDef<any, any, any, any, any>

/** Declares a route; an identity function that makes TypeScript infer the handler's input types from the schemas. */
export function route<
  P extends AnyObject | undefined = undefined,
  Q extends AnyObject | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  U extends AnyObject | undefined = undefined,
  R extends z.ZodType | undefined = undefined,
>(def: RouteDef<P, Q, B, U, R>): RouteDef<P, Q, B, U, R> {
  return def
}

/** What mountRoutes needs from the app: who is calling (or a thrown 401/403/429), and the size limits. */
export interface MountOptions {
  readonly authorize: (c: Context<ApiEnv>, access: Access) => Promise<Principal | null>
  readonly limits: { readonly json: number; readonly document: number }
  /** Check every JSON response against its schema (tests turn this on; a mismatch is a server bug). */
  readonly checkResponses?: boolean
  /** Cache for routes marked `cached`; emptied after every successful write. */
  readonly cache?: ReadCache
}

/** Validates `value` against `schema`; the first issue becomes a 400 naming the field as `where.path`. */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const r = schema.safeParse(value)
  if (r.success) return r.data
  const issue = r.error.issues[0]!
  const path = [where, ...issue.path.map(String)]
  if (issue.code === 'unrecognized_keys' && issue.keys.length > 0) path.push(issue.keys[0]!)
  const field = path.join('.')
  return failWith(field, issue.message)
}

function failWith(field: string, message: string): never {
  throw badRequest(field, message)
}

async function readJson(c: Context<ApiEnv>): Promise<unknown> {
  return parseJsonBody(new Uint8Array(await c.req.arrayBuffer()))
}

/** No query parameters at all, for routes without a query schema: an unknown key is refused like anywhere else. */
const NoQuery = z.strictObject({})

async function readForm(c: Context<ApiEnv>): Promise<Record<string, unknown>> {
  const contentType = c.req.header('content-type') ?? ''
  const bytes = new Uint8Array(await c.req.arrayBuffer())
  checkMultipartText(bytes, contentType)
  let form: FormData
  try {
    form = await new Response(bytes, { headers: { 'content-type': contentType } }).formData()
  } catch {
    return failWith('body', 'is not a valid multipart/form-data body')
  }
  const out: Record<string, unknown> = {}
  for (const [k, v] of form.entries()) {
    // Two parts of one name (two files in one upload) would otherwise keep only the last, silently.
    if (k in out) failWith(`body.${k}`, 'is given more than once (one file per upload)')
    refuseBadText(typeof v === 'string' ? v : v.name, `body.${k}`)
    out[k] = v
  }
  return out
}

/** Registers every route on `app`: authorisation, body limit, input validation, handler, JSON response. */
export function mountRoutes(app: Hono<ApiEnv>, routes: readonly AnyRoute[], opts: MountOptions): void {
  for (const r of routes) {
    const maxSize = r.maxBodyBytes?.(opts.limits) ?? opts.limits.json
    const limit = bodyLimit({
      maxSize,
      onError: () => {
        throw new DomainError('too_large', `request body is over the limit of ${maxSize} bytes`)
      },
    })
    app.on(r.method.toUpperCase(), r.path, limit, async (c) => {
      const principal = await opts.authorize(c, r.access)
      c.set('principal', principal)
      const url = new URL(c.req.url)
      checkPathText(r.path, url.pathname)
      const queryKeys = checkQueryText(url.search.slice(1))
      const params: unknown = r.params ? parseOr400(r.params as z.ZodType, c.req.param(), 'params') : undefined
      const query: unknown = r.query ? parseOr400(r.query as z.ZodType, c.req.query(), 'query') : undefined
      if (r.query === undefined && queryKeys.length > 0) parseOr400(NoQuery, c.req.query(), 'query')
      let body: unknown
      let upload: unknown
      if (r.body !== undefined || r.upload !== undefined) {
        const isMultipart = /^multipart\/form-data/i.test(c.req.header('content-type') ?? '')
        if (isMultipart && r.upload !== undefined) upload = parseOr400(r.upload as z.ZodType, await readForm(c), 'body')
        else if (isMultipart) failWith('body', 'must be JSON (application/json)')
        else if (r.body !== undefined) body = parseOr400(r.body as z.ZodType, await readJson(c), 'body')
        else failWith('body', 'must be multipart/form-data')
      }
      if (r.cached && opts.cache && r.method === 'get') {
        const url = new URL(c.req.url)
        const json = await opts.cache.get(url.pathname + url.search, async () => JSON.stringify(await r.handler({ params, query, body, upload, principal, c })))
        return c.body(json, 200, { 'content-type': 'application/json' })
      }
      const result: unknown = await r.handler({ params, query, body, upload, principal, c })
      if (r.method !== 'get') opts.cache?.invalidate()
      if (result instanceof Response) return result
      if (opts.checkResponses && r.response) {
        const check = (r.response as z.ZodType).safeParse(result)
        if (!check.success) throw new Error(`${r.operationId}: response does not match its schema: ${z.prettifyError(check.error)}`)
      }
      return c.json(result as object, r.status ?? 200)
    })
  }
}
