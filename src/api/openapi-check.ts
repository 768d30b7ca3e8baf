/**
 * @module A structural check of an OpenAPI 3.1 document: the required fields, unique operation ids, declared
 * path parameters and resolvable `$ref`s. Used by tests; it is not a full validator of the specification.
 */

type Json = Record<string, unknown>

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** Problems found in `doc`, as readable lines; empty when the document is structurally sound. */
export function checkOpenApi31(doc: unknown): string[] {
  const problems: string[] = []
  if (!isObject(doc)) return ['document: must be an object']
  if (typeof doc.openapi !== 'string' || !/^3\.1\.\d+$/.test(doc.openapi)) problems.push('openapi: must be "3.1.x"')
  const info = doc.info
  if (!isObject(info) || typeof info.title !== 'string' || typeof info.version !== 'string') problems.push('info: needs title and version strings')
  if (!isObject(doc.paths)) problems.push('paths: must be an object')
  const refs: string[] = []
  const walk = (v: unknown, at: string): void => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${at}[${i}]`))
    else if (isObject(v)) {
      for (const [k, x] of Object.entries(v)) {
        if (k === '$ref') {
          if (typeof x !== 'string') problems.push(`${at}.$ref: must be a string`)
          else refs.push(x)
        } else walk(x, `${at}.${k}`)
      }
    }
  }
  walk(doc, '#')
  for (const ref of refs) {
    if (!ref.startsWith('#/')) {
      problems.push(`$ref ${ref}: only local references are expected`)
      continue
    }
    let node: unknown = doc
    for (const part of ref.slice(2).split('/')) node = isObject(node) ? node[part.replaceAll('~1', '/').replaceAll('~0', '~')] : undefined
    if (node === undefined) problems.push(`$ref ${ref}: does not resolve`)
  }
  const ids = new Set<string>()
  for (const [path, item] of Object.entries(isObject(doc.paths) ? doc.paths : {})) {
    if (!path.startsWith('/')) problems.push(`paths.${path}: must start with /`)
    if (!isObject(item)) continue
    const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!)
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.includes(method)) continue
      const at = `paths.${path}.${method}`
      if (!isObject(op)) {
        problems.push(`${at}: must be an object`)
        continue
      }
      if (typeof op.operationId === 'string') {
        if (ids.has(op.operationId)) problems.push(`${at}.operationId: ${op.operationId} is not unique`)
        ids.add(op.operationId)
      }
      if (!isObject(op.responses) || Object.keys(op.responses).length === 0) problems.push(`${at}.responses: must list at least one response`)
      else {
        for (const [code, r] of Object.entries(op.responses)) {
          if (!/^([1-5]\d\d|[1-5]XX|default)$/.test(code)) problems.push(`${at}.responses.${code}: not a status code`)
          if (!isObject(r) || typeof r.description !== 'string') problems.push(`${at}.responses.${code}: needs a description`)
        }
      }
      const params = Array.isArray(op.parameters) ? op.parameters : []
      const seen = new Set<string>()
      for (const p of params) {
        if (!isObject(p) || typeof p.name !== 'string' || !['query', 'header', 'path', 'cookie'].includes(String(p.in))) {
          problems.push(`${at}.parameters: each needs a name and a valid "in"`)
          continue
        }
        const key = `${String(p.in)}:${p.name}`
        if (seen.has(key)) problems.push(`${at}.parameters: ${key} is duplicated`)
        seen.add(key)
        if (p.in === 'path' && p.required !== true) problems.push(`${at}.parameters: path parameter ${p.name} must be required`)
        if (!isObject(p.schema)) problems.push(`${at}.parameters: ${p.name} needs a schema`)
      }
      for (const name of templated) if (!seen.has(`path:${name}`)) problems.push(`${at}: path parameter {${name}} is not declared`)
      for (const key of seen) if (key.startsWith('path:') && !templated.includes(key.slice(5))) problems.push(`${at}: ${key} is not in the path`)
      if (op.requestBody !== undefined && (!isObject(op.requestBody) || !isObject(op.requestBody.content))) problems.push(`${at}.requestBody: needs content`)
    }
  }
  const schemes = isObject(doc.components) && isObject(doc.components.securitySchemes) ? doc.components.securitySchemes : {}
  for (const [path, item] of Object.entries(isObject(doc.paths) ? doc.paths : {})) {
    for (const op of Object.values(isObject(item) ? item : {})) {
      const security = isObject(op) && Array.isArray(op.security) ? op.security : []
      for (const req of security) for (const name of Object.keys(isObject(req) ? req : {})) if (!(name in schemes)) problems.push(`paths.${path}: security scheme ${name} is not defined`)
    }
  }
  return problems
}
