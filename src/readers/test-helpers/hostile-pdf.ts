/**
 * @module Writes small, well-formed PDFs with one hostile Flate content stream, byte by byte, for tests of the
 * readers' bounds: a stream of zeros that decodes to far more than the file's size, or a page of a great many text
 * operators. Generated in each test, never committed.
 */
import { deflateSync } from 'node:zlib'

/** What the one page's content stream holds after a line of ordinary text. */
export type HostileContent =
  | { readonly kind: 'zeros'; readonly bytes: number }
  | { readonly kind: 'operators'; readonly count: number }

/** A one-page PDF: `text` set in Helvetica, then the hostile content, all in one deflated content stream. */
export function hostilePdf(text: string, hostile: HostileContent): Uint8Array {
  const head = Buffer.from(`BT /F1 11 Tf 56 760 Td (${text.replace(/[()\\]/g, '\\$&')}) Tj ET\n`, 'latin1')
  const tail = hostile.kind === 'zeros' ? Buffer.alloc(hostile.bytes) : Buffer.from(`BT /F1 11 Tf 56 700 Td ${'(a) Tj '.repeat(hostile.count)}ET\n`, 'latin1')
  const data = deflateSync(Buffer.concat([head, tail]), { level: 9 })
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    null,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')]
  const offsets: number[] = []
  let size = parts[0]!.length
  objects.forEach((body, i) => {
    offsets.push(size)
    const obj =
      body === null
        ? Buffer.concat([Buffer.from(`${i + 1} 0 obj\n<< /Length ${data.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream\nendobj\n', 'latin1')])
        : Buffer.from(`${i + 1} 0 obj\n${body}\nendobj\n`, 'latin1')
    parts.push(obj)
    size += obj.length
  })
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${size}\n%%EOF\n`, 'latin1'))
  return new Uint8Array(Buffer.concat(parts))
}
