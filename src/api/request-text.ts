/**
 * @module Bad text at the door: a NUL, an unpaired surrogate or bytes that are not UTF-8 in any request field (path,
 * query, JSON body, multipart field) is refused with 400 naming the field, before either store sees it. PostgreSQL
 * refuses NUL in text and SQLite keeps it, and decoders silently replace bad bytes: refusing is the one answer both
 * stores can give.
 */
import { badRequest } from './errors.js'

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })
const lenientUtf8 = new TextDecoder('utf-8')
/** A NUL, or (in `u` mode, where a well-formed pair is one code point) a surrogate left unpaired. */
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const BAD_CHAR = /[\u0000\p{Cs}]/u

/** Why `s` cannot be stored as text, or null when it can. */
function badText(s: string): string | null {
  const m = BAD_CHAR.exec(s)
  if (m === null) return null
  return m[0] === '\u0000' ? 'must not contain a NUL character' : 'must not contain an unpaired surrogate (it is not valid UTF-8)'
}

/** Throws 400 naming `field` when `s` holds a NUL or an unpaired surrogate. */
export function refuseBadText(s: string, field: string): void {
  const why = badText(s)
  if (why !== null) throw badRequest(field, why)
}

/** Percent-decodes one URL component (`+` as space in a query), or throws 400 naming `field` when it is not UTF-8. */
function decodeComponent(raw: string, field: string, plusIsSpace: boolean): string {
  try {
    return decodeURIComponent(plusIsSpace ? raw.replace(/\+/g, ' ') : raw)
  } catch {
    throw badRequest(field, 'is not valid percent-encoded UTF-8')
  }
}

/**
 * Checks every path segment that fills a `:name` of `pattern` (Hono syntax) in the raw, still-encoded `path`:
 * Hono leaves a segment that does not decode as it was, so it is checked here, before the router's copy is used.
 */
export function checkPathText(pattern: string, path: string): void {
  const names = pattern.split('/')
  const parts = path.split('/')
  names.forEach((name, i) => {
    if (!name.startsWith(':') || parts[i] === undefined) return
    const field = `params.${name.slice(1).replace(/\{.*$/, '')}`
    refuseBadText(decodeComponent(parts[i], field, false), field)
  })
}

/** Checks every key and value of a raw query string (`a=1&b=2`, without `?`); returns the keys present. */
export function checkQueryText(search: string): string[] {
  const keys: string[] = []
  for (const pair of search.split('&')) {
    if (pair === '') continue
    const eq = pair.indexOf('=')
    const rawKey = eq < 0 ? pair : pair.slice(0, eq)
    const key = decodeComponent(rawKey, 'query', true)
    const field = `query.${key}`
    refuseBadText(key, 'query')
    if (eq >= 0) refuseBadText(decodeComponent(pair.slice(eq + 1), field, true), field)
    keys.push(key)
  }
  return keys
}

/** The dotted path of the first string (key or value) in `v` that holds bad text, with why; null when there is none. */
function findBadText(v: unknown, path: string, test: (s: string) => string | null): { field: string; why: string } | null {
  if (typeof v === 'string') {
    const why = test(v)
    return why === null ? null : { field: path, why }
  }
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const found = findBadText(v[i], `${path}.${i}`, test)
      if (found) return found
    }
    return null
  }
  if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      const keyWhy = test(k)
      if (keyWhy !== null) return { field: path, why: `has a key that ${keyWhy}` }
      const found = findBadText(x, `${path}.${k}`, test)
      if (found) return found
    }
  }
  return null
}

/**
 * Decodes a JSON body's bytes as strict UTF-8 and parses it; bytes that are not UTF-8, a NUL or an unpaired
 * surrogate (both reach JSON as `\u` escapes) anywhere in it are refused with 400 naming the field (`body.text`).
 */
export function parseJsonBody(bytes: Uint8Array): unknown {
  let text: string
  let invalidUtf8 = false
  try {
    text = strictUtf8.decode(bytes)
  } catch {
    // Decoded again with replacement characters only to name the field that held the bad bytes.
    invalidUtf8 = true
    text = lenientUtf8.decode(bytes)
  }
  if (text.trim() === '') {
    if (invalidUtf8) throw badRequest('body', 'is not valid UTF-8')
    return {}
  }
  let value: unknown
  try {
    value = JSON.parse(text) as unknown
  } catch {
    throw badRequest('body', invalidUtf8 ? 'is not valid UTF-8' : 'is not valid JSON')
  }
  if (invalidUtf8) {
    const at = findBadText(value, 'body', (s) => (s.includes('\uFFFD') ? 'x' : null))
    throw badRequest(at?.field ?? 'body', 'is not valid UTF-8')
  }
  const bad = findBadText(value, 'body', badText)
  if (bad !== null) throw badRequest(bad.field, bad.why)
  return value
}

function indexOf(hay: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0]
  outer: for (let i = hay.indexOf(first!, from); i >= 0 && i <= hay.length - needle.length; i = hay.indexOf(first!, i + 1)) {
    for (let j = 1; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer
    return i
  }
  return -1
}

/**
 * Checks the raw bytes of a multipart/form-data body before it is parsed (the parser replaces bad bytes silently):
 * each part's headers, and each value that is not a file, must be UTF-8. Files are left to the document readers,
 * which refuse text that is not UTF-8 themselves. Parts the scan cannot frame are left to the parser to refuse.
 */
export function checkMultipartText(bytes: Uint8Array, contentType: string): void {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType)
  const b = boundary?.[1] ?? boundary?.[2]
  if (b === undefined) return
  const open = new TextEncoder().encode(`--${b.trim()}`)
  const delimiter = new TextEncoder().encode(`\r\n--${b.trim()}`)
  const headEnd = new TextEncoder().encode('\r\n\r\n')
  for (let at = indexOf(bytes, open, 0); at >= 0; ) {
    let start = at + open.length
    // `--` after a delimiter closes the body; otherwise a CRLF starts the next part.
    if (bytes[start] === 0x2d && bytes[start + 1] === 0x2d) return
    start += 2
    const next = indexOf(bytes, delimiter, start)
    if (next < 0) return
    const part = bytes.subarray(start, next)
    const h = indexOf(part, headEnd, 0)
    if (h >= 0) {
      let head: string
      try {
        head = strictUtf8.decode(part.subarray(0, h))
      } catch {
        throw badRequest('body', 'has a part whose headers are not valid UTF-8')
      }
      const name = /name="([^"]*)"/i.exec(head)?.[1] ?? ''
      const field = name === '' ? 'body' : `body.${name}`
      refuseBadText(head, field)
      if (!/filename\*?=/i.test(head)) {
        try {
          refuseBadText(strictUtf8.decode(part.subarray(h + headEnd.length)), field)
        } catch (e) {
          if (e instanceof TypeError) throw badRequest(field, 'is not valid UTF-8')
          throw e
        }
      }
    }
    at = next + 2
  }
}
