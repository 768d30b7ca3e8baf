/**
 * @module PDF bytes to prose through unpdf (pdf.js 5). Scripts, forms and fonts are never run or loaded: only the
 * text layer is read, and the layout rules in pdf-layout.ts turn it into paragraphs.
 */
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
 * are reported as a warning.
 */
export async function readPdf(bytes: Uint8Array, name: string): Promise<PdfText> {
  if (!latin1(bytes.subarray(0, 1024)).includes('%PDF-')) {
    throw new DomainError('unreadable_document', `${name}: not a PDF file (no %PDF- header)`)
  }
  if (!latin1(bytes.subarray(Math.max(0, bytes.byteLength - 1024))).includes('%%EOF')) {
    throw new DomainError('unreadable_document', `${name}: the PDF is truncated (it does not end with %%EOF)`)
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

function latin1(bytes: Uint8Array): string {
  return new TextDecoder('latin1').decode(bytes)
}
