/**
 * @module PDF bytes to prose through unpdf (pdf.js 5). Scripts, forms and fonts are never run or loaded: only the
 * text layer is read, and the layout rules in pdf-layout.ts turn it into paragraphs.
 */
import { createInflate } from 'node:zlib'
import { extractTextItems, getDocumentProxy } from 'unpdf'
import { DomainError } from '../domain/errors.js'
import { pdfItemsToText } from './pdf-layout.js'

/** Text of a PDF before the shared normalisation, with remarks about pages that had no text. */
export interface PdfText {
  readonly text: string
  readonly warnings: readonly string[]
}

/**
 * Reads the text layer of a PDF. Throws DomainError `unreadable_document` naming the file when the bytes are
 * not a PDF (no `%PDF-` header in the first 1 KiB); are truncated (no `%%EOF` in the last 1 KiB, where writers
 * put it: pdf.js would otherwise rebuild what it can and return part of the text as if it were all); are damaged
 * beyond pdf.js's repair; are password-protected; or have no text layer on any page (a scanned document needs
 * OCR first: storing it as an empty source would hide that). Pages without text in an otherwise readable PDF
 * are reported as a warning. Throws `too_large` before pdf.js sees the file when its Flate streams decode to more than
 * `maxDecodedBytes`.
 */
export async function readPdf(bytes: Uint8Array, name: string, maxDecodedBytes = Number.POSITIVE_INFINITY): Promise<PdfText> {
  if (!latin1(bytes.subarray(0, 1024)).includes('%PDF-')) {
    throw new DomainError('unreadable_document', `${name}: not a PDF file (no %PDF- header)`)
  }
  if (!latin1(bytes.subarray(Math.max(0, bytes.byteLength - 1024))).includes('%%EOF')) {
    throw new DomainError('unreadable_document', `${name}: the PDF is truncated (it does not end with %%EOF)`)
  }
  const decoded = await deflatedSize(bytes, maxDecodedBytes)
  if (decoded > maxDecodedBytes) {
    throw new DomainError('too_large', `${name}: the PDF's compressed streams decode to more than ${maxDecodedBytes} bytes (10 × RECKON_MAX_DOCUMENT_BYTES)`, {
      details: { maxDecodedBytes },
    })
  }
  // pdf.js takes ownership of (detaches) the buffer it is given; the caller still needs its bytes for hashing.
  const data = new Uint8Array(bytes)
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>
  try {
    pdf = await getDocumentProxy(data, { verbosity: 0, isEvalSupported: false, stopAtErrors: false })
  } catch (e) {
    throw unreadable(name, e)
  }
  try {
    const { items } = await extractTextItems(pdf)
    const { text, emptyPages } = pdfItemsToText(items)
    if (text.trim() === '') {
      throw new DomainError('unreadable_document', `${name}: the PDF has no text layer (a scanned image?); run OCR on it first`)
    }
    const warnings =
      emptyPages.length === 0 ? [] : [`${name}: ${emptyPages.length} of ${items.length} pages had no text layer (pages ${emptyPages.join(', ')})`]
    return { text, warnings }
  } catch (e) {
    throw e instanceof DomainError ? e : unreadable(name, e)
  } finally {
    await pdf.destroy()
  }
}

/** Maps a pdf.js failure to a DomainError; pdf.js's exception classes are told apart by their `name`. */
function unreadable(name: string, e: unknown): DomainError {
  const kind = e instanceof Error ? e.name : ''
  const why =
    kind === 'PasswordException'
      ? 'the PDF is encrypted with a password'
      : kind === 'InvalidPDFException'
        ? 'not a valid PDF file (damaged, truncated or not a PDF)'
        : 'the PDF could not be read (damaged or truncated)'
  return new DomainError('unreadable_document', `${name}: ${why}`, { cause: e })
}

/**
 * The bytes a PDF's Flate-compressed streams decode to, counted as they are inflated and never held, stopping once
 * past `limit`. pdf.js would decode a stream whole into memory: a 1 MB file can hold 1 GiB of zeros. A stream is
 * the data between `stream` and `endstream` whose dictionary (since the preceding `obj`) names FlateDecode; a stream
 * that fails to inflate counts what it gave (pdf.js decides whether the file is readable).
 */
export async function deflatedSize(bytes: Uint8Array, limit: number): Promise<number> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let total = 0
  let at = 0
  while (total <= limit) {
    const kw = buf.indexOf('stream', at, 'latin1')
    if (kw < 0) break
    at = kw + 6
    // "endstream" contains "stream"; only a keyword followed by an end of line opens data.
    if (kw >= 3 && buf.toString('latin1', kw - 3, kw) === 'end') continue
    let start = kw + 6
    if (buf[start] === 0x0d) start++
    if (buf[start] !== 0x0a) continue
    start++
    const end = buf.indexOf('endstream', start, 'latin1')
    if (end < 0) break
    const objAt = buf.lastIndexOf('obj', kw, 'latin1')
    const dict = buf.toString('latin1', objAt < 0 ? Math.max(0, kw - 4096) : objAt, kw)
    at = end + 9
    if (!/\/(FlateDecode|Fl)\b/.test(dict)) continue
    total += await inflatedLength(buf.subarray(start, end), limit - total + 1)
  }
  return total
}

/** Bytes `data` inflates to, counted chunk by chunk, stopping once past `limit`. */
function inflatedLength(data: Uint8Array, limit: number): Promise<number> {
  return new Promise((resolve) => {
    const inflate = createInflate({ chunkSize: 1 << 20 })
    let n = 0
    let settled = false
    const finish = (): void => {
      if (settled) return
      settled = true
      resolve(n)
    }
    inflate.on('data', (chunk: Buffer) => {
      n += chunk.length
      if (n > limit) {
        finish()
        inflate.destroy()
      }
    })
    inflate.on('end', finish)
    inflate.on('error', finish)
    inflate.on('close', finish)
    inflate.end(data)
  })
}

function latin1(bytes: Uint8Array): string {
  return new TextDecoder('latin1').decode(bytes)
}
