/** @module Builds real PDF files for tests with pdf-lib: typeset lines, running headers and footers, encryption. */
import { PDFDocument, PDFHexString, StandardFonts } from 'pdf-lib'

/** One line of a page; `indent` (points) marks a paragraph's first line, `size` a heading. */
export interface PdfLine {
  readonly text: string
  readonly indent?: number
  readonly size?: number
  /** Extra space (points) above this line, as between paragraphs. */
  readonly gapBefore?: number
}

/** Options for every page. `{n}` in a header or footer becomes the page number. */
export interface MakePdfOptions {
  readonly header?: string
  readonly footers?: readonly string[]
  /** Encrypt with the standard handler and a password no one knows. */
  readonly encrypted?: boolean
  /** Write cross-reference tables instead of compressed object streams. */
  readonly plainXref?: boolean
  /** Page height in points (A4's 842 by default); taller pages hold more lines. */
  readonly pageHeight?: number
}

const LEFT = 56
const LEADING = 14

/** A PDF whose pages hold the given lines, set in Helvetica 11 pt with 14 pt leading, top-down. */
export async function makePdf(pages: readonly (readonly (PdfLine | string)[])[], opts: MakePdfOptions = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  const font = await doc.embedFont(StandardFonts.Helvetica)
  pages.forEach((lines, i) => {
    const height = opts.pageHeight ?? 842
    const page = doc.addPage([595, height])
    const n = String(i + 1)
    if (opts.header) page.drawText(opts.header.replace('{n}', n), { x: LEFT, y: height - 42, size: 9, font })
    let y = height - 82
    for (const raw of lines) {
      const line = typeof raw === 'string' ? { text: raw } : raw
      y -= line.gapBefore ?? 0
      page.drawText(line.text, { x: LEFT + (line.indent ?? 0), y, size: line.size ?? 11, font })
      y -= LEADING
    }
    ;(opts.footers ?? []).forEach((f, j) => page.drawText(f.replace('{n}', n), { x: LEFT, y: 40 - j * 12, size: 8, font }))
  })
  if (opts.encrypted) {
    // A standard security handler dictionary whose check values match no password: pdf.js asks for one.
    const encrypt = doc.context.obj({
      Filter: 'Standard',
      V: 1,
      R: 2,
      O: PDFHexString.of('00'.repeat(32)),
      U: PDFHexString.of('11'.repeat(32)),
      P: -44,
    })
    doc.context.trailerInfo.Encrypt = doc.context.register(encrypt)
    doc.context.trailerInfo.ID = doc.context.obj([PDFHexString.of('ab'.repeat(16)), PDFHexString.of('ab'.repeat(16))])
  }
  return doc.save({ useObjectStreams: !(opts.encrypted || opts.plainXref) })
}

/** A PDF with one page that has a drawn rectangle and no text at all, as a scanned page has no text layer. */
export async function makeImageOnlyPdf(pageCount = 1): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  for (let i = 0; i < pageCount; i++) doc.addPage([595, 842]).drawRectangle({ x: 50, y: 50, width: 200, height: 100 })
  return doc.save()
}
