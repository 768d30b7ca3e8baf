/** @module The request text checks, table-driven: which field each kind of bad text is refused in, and what passes. */
import { describe, expect, it } from 'vitest'
import { checkMultipartText, checkPathText, checkQueryText, parseJsonBody } from './request-text.js'

/** The field a check refused, or null when it passed. */
function refusedField(f: () => unknown): string | null {
  try {
    f()
    return null
  } catch (e) {
    return (e as { details?: { field?: string } }).details?.field ?? 'no field'
  }
}

const bytes = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0))

describe('request text', () => {
  it.each([
    ['/api/claims/:id', '/api/claims/clm_1', null],
    ['/api/claims/:id', '/api/claims/caf%C3%A9', null],
    ['/api/claims/:id', '/api/claims/a%00', 'params.id'],
    ['/api/claims/:id/move', '/api/claims/%E9/move', 'params.id'],
    ['/api/claims/:id', '/api/claims/%ED%A0%80', 'params.id'],
  ])('path %s ← %s: %s', (pattern, path, field) => {
    expect(refusedField(() => checkPathText(pattern, path))).toBe(field)
  })

  it.each([
    ['q=drone+strike&limit=5', null],
    ['q=caf%C3%A9', null],
    ['q=a%00b', 'query.q'],
    ['country=%FF', 'query.country'],
    ['%00=1', 'query'],
  ])('query %s: %s', (search, field) => {
    expect(refusedField(() => checkQueryText(search))).toBe(field)
  })

  it('returns the query keys present', () => {
    expect(checkQueryText('a=1&b&c=')).toEqual(['a', 'b', 'c'])
  })

  it.each([
    ['{"text":"Peña"}', null],
    ['{"text":"a\\u0000b"}', 'body.text'],
    ['{"edit":{"place":{"name":"\\ud800"}}}', 'body.edit.place.name'],
    ['{"items":["ok","\\u0000"]}', 'body.items.1'],
    ['{"text":"\\ud83d\\ude00"}', null],
  ])('JSON %s: %s', (json, field) => {
    expect(refusedField(() => parseJsonBody(new TextEncoder().encode(json)))).toBe(field)
  })

  it('names the JSON field that holds bytes that are not UTF-8', () => {
    expect(refusedField(() => parseJsonBody(bytes('{"title":"ok","text":"Pe\xf1a"}')))).toBe('body.text')
    expect(refusedField(() => parseJsonBody(bytes('{"text":"Pe\xf1a')))).toBe('body')
  })

  it.each([
    ['Content-Disposition: form-data; name="title"\r\n\r\nPe\xc3\xb1a', null],
    ['Content-Disposition: form-data; name="title"\r\n\r\nPe\xf1a', 'body.title'],
    ['Content-Disposition: form-data; name="title"\r\n\r\nA\x00', 'body.title'],
    // A file's bytes are the readers' to judge.
    ['Content-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n\xff\xfe', null],
  ])('multipart part %j: %s', (part, field) => {
    const body = bytes(`--b0\r\n${part}\r\n--b0--\r\n`)
    expect(refusedField(() => checkMultipartText(body, 'multipart/form-data; boundary=b0'))).toBe(field)
  })
})
