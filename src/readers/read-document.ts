/**
 * @module Turns a document's bytes into the normalised text that claim spans point into.
 * One entry point for every format, so ingest, extract and the API read documents the same way.
 */
import { DomainError } from '../domain/errors.js'
import type { MediaType } from '../domain/source.js'
import { normaliseText } from './normalise-text.js'
import { declaredHtmlCharset, htmlToText } from './read-html.js'
import { readPdf } from './read-pdf.js'

/** What a reader returns: the normalised text and the media type it was read as. */
export interface ReadResult {
  /** The text claim spans index into: the output of `normaliseText` (see normalise-text.ts). */
  readonly text: string
  readonly mediaType: MediaType
  /** The document's own title where the format has one (HTML `<title>`), else null. */
  readonly title: string | null
  /** Non-fatal remarks (e.g. "3 pages had no text layer"). */
  readonly warnings: readonly string[]
}

export interface ReadOptions {
  /** Used to pick the format by extension when `mediaType` is not given. */
  readonly filename?: string | null
  readonly mediaType?: MediaType | null
  /** Refuse larger inputs with `too_large`. */
  readonly maxBytes: number
  /** Refuse a PDF whose compressed streams decode to more than this (`too_large`). Default 10 × `maxBytes`. */
  readonly maxDecodedBytes?: number
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
 * Reads bytes as a document and returns its normalised text. Plain text and Markdown keep their lines exactly
 * (only normalised); HTML keeps block structure as paragraphs (read-html.ts); PDF text is rebuilt into prose
 * (pdf-layout.ts). Throws DomainError `too_large`, `unsupported_format` or `unreadable_document` (binary junk,
 * invalid UTF-8, a broken, encrypted or image-only PDF) with a message naming the file.
 */
export async function readDocument(bytes: Uint8Array, opts: ReadOptions): Promise<ReadResult> {
  const name = opts.filename ?? 'document'
  if (bytes.byteLength > opts.maxBytes) {
    throw new DomainError('too_large', `${name}: ${bytes.byteLength} bytes is over the limit of ${opts.maxBytes} bytes (RECKON_MAX_DOCUMENT_BYTES)`)
  }
  const mediaType = opts.mediaType ?? (opts.filename ? mediaTypeFor(opts.filename) : 'text/plain')
  switch (mediaType) {
    case 'text/plain':
    case 'text/markdown':
      return { text: normaliseText(await decodeText(bytes, name)), mediaType, title: null, warnings: [] }
    case 'text/html': {
      const html = htmlToText(await decodeText(bytes, name, declaredHtmlCharset(bytes)))
      return { text: normaliseText(html.text), mediaType, title: html.title, warnings: [] }
    }
    case 'application/pdf': {
      const pdf = await readPdf(bytes, name, opts.maxDecodedBytes ?? 10 * opts.maxBytes)
      return { text: normaliseText(pdf.text), mediaType, title: null, warnings: pdf.warnings }
    }
    default:
      throw new DomainError('unsupported_format', `${name}: cannot read ${mediaType ?? 'this kind of file'}`)
  }
}

/**
 * Decodes text bytes: strict UTF-8 by default (a BOM is dropped), or a declared legacy encoding such as
 * windows-1252 when `encoding` names one TextDecoder knows. Binary content is refused rather than stored as
 * mojibake. Line endings are left to `normaliseText`.
 */
export function decodeText(bytes: Uint8Array, name: string, encoding?: string | null): Promise<string> {
  let s: string
  try {
    s = decoderFor(bytes, encoding).decode(bytes)
  } catch (e) {
    return Promise.reject(new DomainError('unreadable_document', `${name}: not valid UTF-8 text`, { cause: e }))
  }
  // NUL and most C0 controls never occur in real text; their presence means a binary file with a text name.
  // eslint-disable-next-line no-control-regex -- detecting control characters is the point
  if (/[\u0000-\u0008\u000e-\u001f]/.test(s.slice(0, 65536))) {
    return Promise.reject(new DomainError('unreadable_document', `${name}: looks like binary data, not text`))
  }
  return Promise.resolve(s)
}

/** A strict UTF-8 decoder unless the bytes start without a UTF-8 BOM and declare another encoding that exists. */
function decoderFor(bytes: Uint8Array, encoding: string | null | undefined): { decode(input: Uint8Array): string } {
  const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
  if (!encoding || hasBom) return utf8
  let declared: { readonly encoding: string; decode(input: Uint8Array): string }
  try {
    declared = new TextDecoder(encoding, { fatal: true })
  } catch {
    return utf8 // an unknown label: the standard says to fall back to the default, UTF-8
  }
  if (declared.encoding === 'utf-8') return utf8
  if (declared.encoding !== 'windows-1252') return declared
  // Node 20 decodes windows-1252 (and the latin1 labels that mean it) as ISO-8859-1, leaving bytes 0x80-0x9F as
  // C1 controls; the standard maps them to curly quotes, dashes and the euro sign, which news pages use.
  return { decode: (input) => declared.decode(input).replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80] ?? c) }
}

/** Bytes 0x80-0x9F of windows-1252 per the WHATWG Encoding Standard (undefined bytes map to themselves). */
const WINDOWS_1252_C1 = [...'\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178']
