/**
 * @module Turns a document's bytes into the normalised text that claim spans point into.
 * One entry point for every format, so ingest, extract and the API read documents the same way.
 */
import { DomainError } from '../domain/errors.js'
import type { MediaType } from '../domain/source.js'

/** What a reader returns: the normalised text and the media type it was read as. */
export interface ReadResult {
  readonly text: string
  readonly mediaType: MediaType
  /** Non-fatal remarks (e.g. "3 pages had no text layer"). */
  readonly warnings: readonly string[]
}

export interface ReadOptions {
  /** Used to pick the format by extension when `mediaType` is not given. */
  readonly filename?: string | null
  readonly mediaType?: MediaType | null
  /** Refuse larger inputs with `too_large`. */
  readonly maxBytes: number
}

/** Media type from a file name's extension, or null when Reckon does not read that kind of file. */
export function mediaTypeFor(filename: string): MediaType | null {
  const ext = filename.toLowerCase().split('.').pop() ?? ''
  switch (ext) {
    case 'txt':
    case 'text':
      return 'text/plain'
    case 'md':
    case 'markdown':
      return 'text/markdown'
    case 'html':
    case 'htm':
      return 'text/html'
    case 'pdf':
      return 'application/pdf'
    default:
      return null
  }
}

/**
 * Reads bytes as a document. Throws DomainError `too_large`, `unsupported_format` or `unreadable_document`
 * (binary junk, invalid UTF-8, a broken PDF) with a message naming the file.
 */
export async function readDocument(bytes: Uint8Array, opts: ReadOptions): Promise<ReadResult> {
  const name = opts.filename ?? 'document'
  if (bytes.byteLength > opts.maxBytes) {
    throw new DomainError('too_large', `${name}: ${bytes.byteLength} bytes is over the limit of ${opts.maxBytes} bytes (RECKON_MAX_DOCUMENT_BYTES)`)
  }
  const mediaType = opts.mediaType ?? (opts.filename ? mediaTypeFor(opts.filename) : 'text/plain')
  if (mediaType === 'text/plain' || mediaType === 'text/markdown') {
    return { text: await decodeText(bytes, name), mediaType, warnings: [] }
  }
  throw new DomainError('unsupported_format', `${name}: cannot read ${mediaType ?? 'this kind of file'}`)
}

/** Strict UTF-8 decoding (a BOM is dropped); binary content is refused rather than stored as mojibake. */
export function decodeText(bytes: Uint8Array, name: string): Promise<string> {
  let s: string
  try {
    s = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch (e) {
    return Promise.reject(new DomainError('unreadable_document', `${name}: not valid UTF-8 text`, { cause: e }))
  }
  // NUL and most C0 controls never occur in real text; their presence means a binary file with a text name.
  // eslint-disable-next-line no-control-regex -- detecting control characters is the point
  if (/[\u0000-\u0008\u000e-\u001f]/.test(s.slice(0, 65536))) {
    return Promise.reject(new DomainError('unreadable_document', `${name}: looks like binary data, not text`))
  }
  return Promise.resolve(s.replace(/\r\n?/g, '\n'))
}
