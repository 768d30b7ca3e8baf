/**
 * @module Typesets samples/seed-article.txt as a real PDF (samples/seed-article.pdf) with pdf-lib, so the PDF
 * reader's line joining is exercised on the acceptance article. The output is byte-for-byte reproducible.
 *
 * Run from the repository root: `npx tsc -p tsconfig.json && node dist-check/scripts/make-sample-pdf.js`
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PDFDocument, StandardFonts, type PDFFont } from 'pdf-lib'

const PAGE = { width: 595, height: 842 }
const MARGIN = 56
const SIZE = 11
const LEADING = 14
const INDENT = 18

/** Words of a line broken so each output line fits `width` points. */
function wrap(text: string, font: PDFFont, width: number): string[] {
  const out: string[] = []
  let line = ''
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    const next = line === '' ? word : `${line} ${word}`
    if (line !== '' && font.widthOfTextAtSize(next, SIZE) > width) {
      out.push(line)
      line = word
    } else line = next
  }
  if (line !== '') out.push(line)
  return out
}

/** The article as PDF bytes: its own lines re-wrapped to the page, paragraphs indented, over as many pages as needed; `title` goes in the metadata. */
export async function makeSamplePdf(text: string, title: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  // Fixed metadata so regenerating the sample gives the same bytes.
  const epoch = new Date(Date.UTC(2013, 10, 4))
  doc.setCreationDate(epoch)
  doc.setModificationDate(epoch)
  doc.setProducer('reckon scripts/make-sample-pdf.ts')
  doc.setCreator('reckon')
  doc.setTitle(title)
  const font = await doc.embedFont(StandardFonts.Helvetica)
  let page = doc.addPage([PAGE.width, PAGE.height])
  let y = PAGE.height - MARGIN
  const newLine = (gap = 0): void => {
    y -= LEADING + gap
    if (y < MARGIN) {
      page = doc.addPage([PAGE.width, PAGE.height])
      y = PAGE.height - MARGIN - LEADING
    }
  }
  for (const raw of text.split('\n')) {
    if (raw.trim() === '') continue
    const paragraph = /^\s/.test(raw)
    const lines = wrap(raw, font, PAGE.width - 2 * MARGIN - (paragraph ? INDENT : 0))
    lines.forEach((l, i) => {
      newLine(paragraph && i === 0 ? 6 : 0)
      page.drawText(l, { x: MARGIN + (paragraph && i === 0 ? INDENT : 0), y, size: SIZE, font })
    })
  }
  return doc.save({ useObjectStreams: false })
}

function isMain(): boolean {
  return process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]
}

if (isMain()) {
  // Run from the repository root (see the module comment).
  const root = process.cwd()
  const text = readFileSync(join(root, 'samples', 'seed-article.txt'), 'utf8')
  const bytes = await makeSamplePdf(text, 'Two US drone attacks kill Pakistani Taliban leader')
  writeFileSync(join(root, 'samples', 'seed-article.pdf'), bytes)
  console.log(`wrote samples/seed-article.pdf (${bytes.byteLength} bytes)`)
}
