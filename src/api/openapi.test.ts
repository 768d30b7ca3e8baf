import { describe, expect, it } from 'vitest'
import { loadConfig } from '../config.js'
import { apiRoutes } from './app.js'
import type { ApiDeps } from './deps.js'
import { buildOpenApi } from './openapi.js'
import { checkOpenApi31 } from './openapi-check.js'
import type { Store } from '../storage/store.js'

// Building the document never touches the store or the use cases: a proxy that throws on any use proves it.
const untouchable = new Proxy({}, { get: (_t, k) => { throw new Error(`used ${String(k)}`) } })

describe('OpenAPI document', () => {
  const routes = apiRoutes({ store: untouchable as Store, config: loadConfig({}), deps: untouchable as ApiDeps })
  const doc = buildOpenApi(routes, { title: 'Reckon API', version: 'test' })

  it('is structurally valid OpenAPI 3.1', () => {
    expect(checkOpenApi31(doc)).toEqual([])
  })

  it('documents every route with its parameters and bodies', () => {
    const paths = doc.paths as Record<string, Record<string, { parameters?: { name: string }[]; requestBody?: { content: Record<string, unknown> } }>>
    expect(Object.keys(paths)).toEqual(expect.arrayContaining(['/api/incidents', '/api/incidents/{id}', '/api/claims/{id}/move', '/api/export/incidents.csv']))
    expect(paths['/api/incidents']!.get!.parameters!.map((p) => p.name)).toEqual(expect.arrayContaining(['from', 'to', 'country', 'actor', 'category', 'minCasualties', 'sort', 'limit', 'offset']))
    expect(Object.keys(paths['/api/sources']!.post!.requestBody!.content)).toEqual(['application/json', 'multipart/form-data'])
  })

  it('finds a broken document', () => {
    const broken = { ...doc, openapi: '3.0.3', paths: { '/x/{id}': { get: { responses: {}, parameters: [] } } }, extra: { $ref: '#/components/schemas/Nope' } }
    expect(checkOpenApi31(broken)).toEqual([
      'openapi: must be "3.1.x"',
      '$ref #/components/schemas/Nope: does not resolve',
      'paths./x/{id}.get.responses: must list at least one response',
      'paths./x/{id}.get: path parameter {id} is not declared',
    ])
  })
})
