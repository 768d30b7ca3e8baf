import { PDFDocument, StandardFonts } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { DomainError, type ErrorCode } from '../domain/errors.js'
import { readDocument } from './read-document.js'
import { makeImageOnlyPdf, makePdf } from './test-helpers/make-pdf.js'

const MAX = 10_000_000
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s)
const read = (bytes: Uint8Array, filename: string) => readDocument(bytes, { filename, maxBytes: MAX })

/** Asserts that reading fails with `code` and a message naming the file. */
async function expectFailure(promise: Promise<unknown>, code: ErrorCode, filename: string): Promise<DomainError> {
  const e: unknown = await promise.then(
    () => null,
    (err: unknown) => err,
  )
  expect(e).toBeInstanceOf(DomainError)
  const err = e as DomainError
  expect(err.code).toBe(code)
  expect(err.message).toContain(filename)
  expect(err.message).not.toMatch(/\n\s+at /) // no stack trace in what a user sees
  return err
}

describe('plain text and Markdown', () => {
  it('normalises without joining lines', async () => {
    const raw = '\uFEFF\r\n  Two drone  \r\nattacks killed\u00ad eight\u200b people.\t \r\n\r\n\r\n\r\nSecond para\u2060graph.\r\n\r\n'
    const r = await read(utf8(raw), 'report.txt')
    expect(r).toEqual({
      text: '  Two drone\nattacks killed eight people.\n\nSecond paragraph.',
      mediaType: 'text/plain',
      title: null,
      warnings: [],
    })
  })

  it('composes to NFC and keeps ZWNJ, which changes spelling in Urdu and Persian', async () => {
    const r = await read(utf8('Cafe\u0301 \u0645\u06cc\u200c\u062e\u0648\u0627\u0645'), 'nfc.md')
    expect(r.mediaType).toBe('text/markdown')
    expect(r.text).toBe('Caf\u00e9 \u0645\u06cc\u200c\u062e\u0648\u0627\u0645')
  })

  it('refuses binary junk named .txt', async () => {
    const junk = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)
    await expectFailure(read(junk, 'photo-renamed.txt'), 'unreadable_document', 'photo-renamed.txt')
  })

  it('refuses invalid UTF-8', async () => {
    const bytes = Uint8Array.from([...utf8('Eight people were killed in '), 0xc3, 0x28, ...utf8(' yesterday.')])
    const err = await expectFailure(read(bytes, 'latin.txt'), 'unreadable_document', 'latin.txt')
    expect(err.message).toContain('UTF-8')
  })

  it('refuses files over the limit and formats it cannot read', async () => {
    await expectFailure(readDocument(utf8('x'.repeat(101)), { filename: 'big.txt', maxBytes: 100 }), 'too_large', 'big.txt')
    await expectFailure(read(utf8('PK'), 'report.docx'), 'unsupported_format', 'report.docx')
  })
})

describe('HTML', () => {
  const page = `<!doctype html><html><head><meta charset="utf-8">
<title>  Drone strike &amp; its aftermath </title>
<style>p { color: red }</style><script>document.write("<p>injected</p>")</script></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<noscript>Please enable JavaScript</noscript>
<h1>Strike in North   Waziristan</h1>
<p>Officials said a US drone killed <b>at least</b> eight people&nbsp;on Thursday.
The Ministry&#8217;s figure was &lt;10&gt;, &eacute;t&eacute; &#x2014; disputed.</p>
<div>Line one<br>line two</div>
<ul><li>First</li><li>Second</li></ul>
<table><tr><td>Killed</td><td>8</td></tr><tr><td>Injured</td><td>3</td></tr></table>
<p hidden>Hidden text</p><template><p>Template text</p></template>
<script type="application/ld+json">{"headline": "not text"}</script>
<pre>  keep   this
    spacing</pre>
</body></html>`

  it('keeps blocks as paragraphs, decodes entities, and drops scripts, styles, nav and noscript', async () => {
    const r = await read(utf8(page), 'article.html')
    expect(r.mediaType).toBe('text/html')
    expect(r.title).toBe('Drone strike & its aftermath')
    expect(r.text).toBe(
      [
        'Strike in North Waziristan',
        'Officials said a US drone killed at least eight people\u00a0on Thursday. The Ministry\u2019s figure was <10>, \u00e9t\u00e9 \u2014 disputed.',
        'Line one\nline two',
        'First',
        'Second',
        'Killed 8\nInjured 3',
        '  keep   this\n    spacing',
      ].join('\n\n'),
    )
  })

  it('decodes a declared legacy charset', async () => {
    const head = utf8('<html><head><meta charset="windows-1252"></head><body><p>The Ministry')
    const bytes = Uint8Array.from([...head, 0x92, ...utf8('s figure</p></body></html>')])
    const r = await read(bytes, 'legacy.htm')
    expect(r.text).toBe('The Ministry\u2019s figure')
  })

  it('refuses invalid UTF-8 in a page that declares no charset', async () => {
    const bytes = Uint8Array.from([...utf8('<p>caf'), 0xe9, ...utf8('</p>')])
    await expectFailure(read(bytes, 'broken.html'), 'unreadable_document', 'broken.html')
  })
})

describe('PDF', () => {
  const footers = ['Page {n}', 'Powered by TCPDF (www.tcpdf.org)']

  it('joins lines into paragraphs, undoes hyphenation, rejoins page breaks and drops page furniture', async () => {
    const bytes = await makePdf(
      [
        [
          { text: 'Drone strikes in North Waziristan', size: 16 },
          { text: 'Two United States drone attacks killed at least eight', indent: 20, gapBefore: 10 },
          'people in Paki-',
          'stan, officials said. The self-',
          'defence argument was rejected by anti-',
          'American protesters.',
          { text: 'Pakistan\u2019s Ministry of Defence', indent: 20, gapBefore: 6 },
        ],
        [
          'reported to the Senate that only 67 civilians were killed',
          'since 2008. The drone-strike count and the drone-',
          'strike toll were disputed in 2012-',
          '2013 by the civil-',
          'ians\u2019 families.',
          { text: 'A new paragraph starts here.', indent: 20, gapBefore: 6 },
        ],
      ],
      { header: 'The Daily Report \u2014 4 November 2013', footers },
    )
    const r = await read(bytes, 'report.pdf')
    expect(r.mediaType).toBe('application/pdf')
    expect(r.warnings).toEqual([])
    expect(r.text).toBe(
      [
        'Drone strikes in North Waziristan',
        'Two United States drone attacks killed at least eight people in Pakistan, officials said. The self-defence ' +
          'argument was rejected by anti-American protesters.',
        'Pakistan\u2019s Ministry of Defence reported to the Senate that only 67 civilians were killed since 2008. ' +
          'The drone-strike count and the drone-strike toll were disputed in 2012-2013 by the civilians\u2019 families.',
        'A new paragraph starts here.',
      ].join('\n\n'),
    )
  })

  it('keeps a paragraph break at a page break after a finished sentence', async () => {
    const bytes = await makePdf([['The first page ends a sentence.'], ['The second page starts another.']], { footers })
    const r = await read(bytes, 'two.pdf')
    expect(r.text).toBe('The first page ends a sentence.\n\nThe second page starts another.')
  })

  it('reads a PDF whose every page holds one similar line as that text, not as a PDF without a text layer', async () => {
    const lines = [1, 2, 3].map((n) => `Strike ${n}: a drone strike killed ${n + 1} people.`)
    const r = await read(await makePdf(lines.map((l) => [l])), 'entries.pdf')
    expect(r.text).toBe(lines.join('\n\n'))
  })

  it('reads the bytes without detaching the caller\u2019s buffer', async () => {
    const bytes = await makePdf([['Eight people were killed.']])
    const before = bytes.byteLength
    await read(bytes, 'keep.pdf')
    expect(bytes.byteLength).toBe(before)
  })

  it('refuses a truncated PDF', async () => {
    const bytes = await makePdf([['Eight people were killed.'], ['Second page.']], { plainXref: true })
    const err = await expectFailure(read(bytes.slice(0, Math.floor(bytes.byteLength * 0.7)), 'cut.pdf'), 'unreadable_document', 'cut.pdf')
    expect(err.message).toContain('truncated')
  })

  it('refuses a damaged PDF that still ends with %%EOF', async () => {
    const bytes = await makePdf([['Eight people were killed.']])
    const damaged = Uint8Array.from([...bytes.slice(0, 200), ...bytes.slice(600)])
    await expectFailure(read(damaged, 'damaged.pdf'), 'unreadable_document', 'damaged.pdf')
  })

  it('refuses random bytes named .pdf', async () => {
    const junk = Uint8Array.from({ length: 5000 }, (_, i) => (i * 7919 + 13) % 256)
    const err = await expectFailure(read(junk, 'junk.pdf'), 'unreadable_document', 'junk.pdf')
    expect(err.message).toContain('not a PDF')
  })

  it('refuses an encrypted PDF', async () => {
    const bytes = await makePdf([['Secret.']], { encrypted: true })
    const err = await expectFailure(read(bytes, 'locked.pdf'), 'unreadable_document', 'locked.pdf')
    expect(err.message).toContain('password')
  })

  it('refuses a PDF with no text layer, and warns about single pages without one', async () => {
    const err = await expectFailure(read(await makeImageOnlyPdf(2), 'scan.pdf'), 'unreadable_document', 'scan.pdf')
    expect(err.message).toContain('no text layer')

    const doc = await PDFDocument.create()
    const font = await doc.embedFont(StandardFonts.Helvetica)
    doc.addPage([595, 842]).drawText('Eight people were killed.', { x: 56, y: 700, size: 11, font })
    doc.addPage([595, 842]).drawRectangle({ x: 50, y: 50, width: 100, height: 100 })
    const r = await read(await doc.save(), 'mixed.pdf')
    expect(r.text).toBe('Eight people were killed.')
    expect(r.warnings).toEqual(['mixed.pdf: 1 of 2 pages had no text layer (pages 2)'])
  })
})
