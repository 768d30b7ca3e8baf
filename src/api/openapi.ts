/**
 * @module Builds the OpenAPI 3.1 document from the route list and the zod schemas that validate requests.
 * OpenAPI 3.1 uses JSON Schema 2020-12, which is zod's default target, so schemas convert without rewriting.
 */
import { z } from 'zod'
import { NAMED_SCHEMAS } from './schemas.js'
import type { AnyRoute } from './route.js'

type Json = Record<string, unknown>

const COMPONENTS = '#/components/schemas/'

/** Info block values. */
export interface OpenApiInfo {
  readonly title: string
  readonly version: string
  readonly description?: string
}

const toOpenApiPath = (p: string): string => p.replace(/:([A-Za-z0-9_]+)/g, '{$1}')

const pascal = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)

/** Strips `$schema`, which OpenAPI schema objects must not repeat per schema. */
function clean(s: unknown): Json {
  const o = { ...(s as Json) }
  delete o.$schema
  delete o.$id
  return o
}

/**
 * The OpenAPI document for `routes`. Response schemas and the named entities become components (converted as
 * output types); request bodies are converted as input types (defaults make fields optional), so a client sees
 * exactly what it may send.
 */
export function buildOpenApi(routes: readonly AnyRoute[], info: OpenApiInfo): Json {
  // Outputs: the named entities plus each route's response, in one registry so references become $refs.
  const outputs = z.registry<{ id: string }>()
  const named = new Map<z.ZodType, string>()
  for (const [id, schema] of Object.entries(NAMED_SCHEMAS)) {
    outputs.add(schema, { id })
    named.set(schema, id)
  }
  const responseId = new Map<AnyRoute, string>()
  for (const r of routes) {
    const schema = r.response as z.ZodType | undefined
    if (!schema) continue
    const existing = named.get(schema)
    if (existing !== undefined) {
      responseId.set(r, existing)
      continue
    }
    const id = `${pascal(r.operationId)}Response`
    outputs.add(schema, { id })
    named.set(schema, id)
    responseId.set(r, id)
  }
  const out = z.toJSONSchema(outputs, { uri: (id) => COMPONENTS + id, unrepresentable: 'any' }).schemas
  const schemas: Record<string, Json> = {}
  for (const [id, s] of Object.entries(out)) schemas[id] = clean(s)

  // Inputs: each request body as its own component, converted as the input type with entities inlined.
  const requestBody = (r: AnyRoute): Json | undefined => {
    const content: Json = {}
    if (r.body) {
      const id = `${pascal(r.operationId)}Request`
      schemas[id] = clean(z.toJSONSchema(r.body as z.ZodType, { io: 'input', unrepresentable: 'any', metadata: z.registry() }))
      content['application/json'] = { schema: { $ref: COMPONENTS + id } }
    }
    if (r.upload) {
      const id = `${pascal(r.operationId)}Upload`
      schemas[id] = clean(z.toJSONSchema(r.upload as z.ZodType, { io: 'input', unrepresentable: 'any', metadata: z.registry() }))
      content['multipart/form-data'] = { schema: { $ref: COMPONENTS + id } }
    }
    return Object.keys(content).length === 0 ? undefined : { required: true, content }
  }

  const parameters = (r: AnyRoute): Json[] => {
    const list: Json[] = []
    for (const [where, schema] of [
      ['path', r.params],
      ['query', r.query],
    ] as const) {
      if (!schema) continue
      const obj = schema as z.ZodObject
      const js = z.toJSONSchema(obj, { io: 'input', unrepresentable: 'any', metadata: z.registry() }) as Json
      const props = (js.properties ?? {}) as Record<string, Json>
      const required = new Set((js.required ?? []) as string[])
      for (const [name, s] of Object.entries(props)) {
        list.push({ name, in: where, required: where === 'path' || required.has(name), schema: s })
      }
    }
    return list
  }

  const errorRef = { $ref: COMPONENTS + 'Error' }
  const errorResponse = (description: string): Json => ({ description, content: { 'application/json': { schema: errorRef } } })

  const paths: Record<string, Record<string, Json>> = {}
  for (const r of routes) {
    const p = toOpenApiPath(r.path)
    const ok: Json = { description: r.summary }
    const rid = responseId.get(r)
    if (rid !== undefined) ok.content = { 'application/json': { schema: { $ref: COMPONENTS + rid } } }
    else if (r.produces !== undefined) ok.content = { [r.produces]: { schema: { type: 'string' } } }
    const responses: Json = { [String(r.status ?? 200)]: ok }
    if (r.body || r.upload || r.query || r.params) responses['400'] = errorResponse('A request field is invalid; the error names it.')
    if (r.access !== 'open') responses['401'] = errorResponse('No valid bearer token (for writes, or reads when reads are private).')
    if (r.access === 'editor' || r.access === 'admin' || r.access === 'viewer') responses['403'] = errorResponse('The token’s role is too low.')
    if (r.params) responses['404'] = errorResponse('No such record.')
    responses['429'] = errorResponse('Rate limit reached; see Retry-After.')
    const op: Json = { operationId: r.operationId, summary: r.summary, tags: [...r.tags], responses }
    const params = parameters(r)
    if (params.length > 0) op.parameters = params
    const body = requestBody(r)
    if (body) op.requestBody = body
    if (r.access === 'editor' || r.access === 'admin' || r.access === 'viewer') op.security = [{ bearer: [] }]
    else if (r.access === 'read') op.security = [{}, { bearer: [] }]
    ;(paths[p] ??= {})[r.method] = op
  }

  return {
    openapi: '3.1.0',
    info: { title: info.title, version: info.version, ...(info.description ? { description: info.description } : {}) },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths,
    components: { schemas, securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A token from `reckon token create`.' } } },
  }
}
