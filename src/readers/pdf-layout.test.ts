import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { readDocument } from './read-document.js'
import { pdfItemsToText, type PdfTextItem } from './pdf-layout.js'
import { makePdf, type PdfLine } from './test-helpers/make-pdf.js'

/** A page of 11 pt lines, 14 pt apart from y = 700 down, at x = 50 (+ indent); footers sit at y = 30 and below. */
function page(lines: readonly (string | [string, number])[], footers: readonly string[] = []): PdfTextItem[] {
  const body = lines.map((l, i): PdfTextItem => {
    const [str, indent] = typeof l === 'string' ? [l, 0] : l
    return { str, x: 50 + indent, y: 700 - i * 14, width: str.length * 5.5, fontSize: 11, hasEOL: true }
  })
  const foot = footers.map((str, i): PdfTextItem => ({ str, x: 50, y: 30 - i * 10, width: str.length * 4, fontSize: 8, hasEOL: true }))
  return [...body, ...foot]
}

describe('pdfItemsToText: line-end hyphens', () => {
  // Each row: the two lines around a break, the text the join must give, and why.
  const cases: [string, string, string, string][] = [
    ['drone attacks in Paki-', 'stan killed eight', 'drone attacks in Pakistan killed eight', 'hyphenation undone'],
    ['the civil-', 'ians were', 'the civilians were', 'hyphenation undone'],
    ['an anti-', 'American rally', 'an anti-American rally', 'uppercase continuation keeps the hyphen'],
    ['in 2012-', '2013 there', 'in 2012-2013 there', 'digits keep the hyphen'],
    ['claimed self-', 'defence as', 'claimed self-defence as', 'a prefix English always hyphenates'],
    ['the non-', 'combatants were', 'the non-combatants were', 'a prefix English always hyphenates'],
    ['the drone-', 'strike toll', 'the dronestrike toll', 'no evidence: treated as hyphenation (documented limit)'],
    ['Tehrik-i-', 'Taliban Pakistan', 'Tehrik-i-Taliban Pakistan', 'uppercase continuation keeps the hyphen'],
    ['attacks\u2014', 'a very conservative', 'attacks\u2014a very conservative', 'a glued dash joins without a space'],
    ['killed at least', 'eight people', 'killed at least eight people', 'plain line break becomes a space'],
  ]
  it.each(cases)('%s / %s → %s (%s)', (a, b, expected) => {
    expect(pdfItemsToText([page([a, b])]).text).toBe(expected)
  })

  it('keeps a hyphen the document itself writes on one line, and drops one it writes joined', () => {
    const text = pdfItemsToText([page(['The drone-strike toll and the drone-', 'strike count; a counter-', 'part and a counterpart.'])]).text
    expect(text).toBe('The drone-strike toll and the drone-strike count; a counterpart and a counterpart.')
  })
})

describe('pdfItemsToText: paragraphs and pages', () => {
  it('starts paragraphs at indents, wide gaps and font size changes', () => {
    const items: PdfTextItem[] = [
      { str: 'Headline', x: 50, y: 740, width: 80, fontSize: 18, hasEOL: true },
      ...page([['First paragraph starts', 20], 'and goes on.', ['Second one.', 20]]),
      { str: 'Third after a gap.', x: 50, y: 600, width: 90, fontSize: 11, hasEOL: true },
    ]
    expect(pdfItemsToText([items]).text).toBe('Headline\n\nFirst paragraph starts and goes on.\n\nSecond one.\n\nThird after a gap.')
  })

  it('joins a sentence across a page break and across a column jump, and splits finished ones', () => {
    const p1 = page(['Pakistan\u2019s Ministry of Defence'])
    const p2 = page(['reported to the Senate. Then a column', 'ends with the'])
    const column2 = { str: 'words continued here.', x: 320, y: 700, width: 100, fontSize: 11, hasEOL: true }
    const p3 = page(['New page, new sentence.'])
    expect(pdfItemsToText([p1, [...p2, column2], p3]).text).toBe(
      'Pakistan\u2019s Ministry of Defence reported to the Senate. Then a column ends with the words continued here.\n\nNew page, new sentence.',
    )
  })

  it('in a document that indents its paragraphs, continues a finished sentence across a page whose first line is not indented', () => {
    const p1 = page([['Amnesty documented two attacks', 20], 'that killed 19 civilians.', ['A second paragraph', 20], 'ends on this page.', ['A third one', 20], 'documented two attacks that killed 19 civilians.'])
    const p2 = page(['In one attack 18 labourers were killed.', ['A new paragraph here.', 20]])
    expect(pdfItemsToText([p1, p2]).text.split('\n\n')).toEqual([
      'Amnesty documented two attacks that killed 19 civilians.',
      'A second paragraph ends on this page.',
      'A third one documented two attacks that killed 19 civilians. In one attack 18 labourers were killed.',
      'A new paragraph here.',
    ])
    // Without indented paragraphs there is no such signal: a finished sentence before a page break ends its paragraph.
    const flat = page(['One sentence ends here.'])
    expect(pdfItemsToText([flat, page(['Next page starts.'])]).text).toBe('One sentence ends here.\n\nNext page starts.')
  })

  it('drops page numbers, generator stamps with their URL, and running headers and footers', () => {
    const furniture = (n: number) => [`- ${n} -`, 'Powered by TCPDF (www.tcpdf.org)']
    const header = (n: number): PdfTextItem => ({ str: `Daily Report, ${n} November 2013`, x: 50, y: 800, width: 150, fontSize: 8, hasEOL: true })
    const pages = [
      [header(1), ...page(['Eight people were', 'killed.'], furniture(1))],
      [header(2), ...page(['Two more were', 'injured.'], [...furniture(2), 'http://www.tcpdf.org'])],
      [header(3), ...page(['Page 3 of 3', 'The end.'], ['Page 3 of 3'])],
    ]
    expect(pdfItemsToText(pages).text).toBe('Eight people were killed.\n\nTwo more were injured.\n\nThe end.')
  })

  it('keeps the text of a document whose every page holds one similar line, and still drops its page numbers', () => {
    const pages = [1, 2, 3, 4].map((n) => page([`On ${n} March a drone strike killed ${n + 2} people.`], [`- ${n} -`]))
    expect(pdfItemsToText(pages).text.split('\n\n')).toEqual([1, 2, 3, 4].map((n) => `On ${n} March a drone strike killed ${n + 2} people.`))
    // The same line beside other text on most pages is a running header, dropped even from a page where it stands alone.
    const header = (n: number): PdfTextItem => ({ str: `Weekly Bulletin No. ${n}`, x: 50, y: 800, width: 150, fontSize: 8, hasEOL: true })
    const framed = [[header(1), ...page(['Eight were killed.'])], [header(2), ...page(['Two were injured.'])], [header(3)]]
    expect(pdfItemsToText(framed).text).toBe('Eight were killed.\n\nTwo were injured.')
  })

  it('keeps a number that is body text in the middle of a page', () => {
    const lines = ['The first line of it', 'the second line of it', 'the third line and the toll was', '19', 'people, said officials', 'in the fifth line and the', 'sixth line and the', 'seventh line of it.']
    expect(pdfItemsToText([page(lines)]).text).toBe(lines.join(' '))
  })

  it('separates items on one line by their gaps, and reports pages without text', () => {
    const items: PdfTextItem[] = [
      { str: 'Eight', x: 50, y: 700, width: 27, fontSize: 11, hasEOL: false },
      { str: 'people', x: 80, y: 700, width: 33, fontSize: 11, hasEOL: false },
      { str: 'killed', x: 113, y: 700, width: 30, fontSize: 11, hasEOL: true },
    ]
    expect(pdfItemsToText([[], items, []])).toEqual({ text: 'Eight peoplekilled', emptyPages: [1, 3] })
  })
})

describe('the seed article typeset as a PDF', () => {
  // The fixture's blank lines are where its PDF had page breaks; leading spaces mark paragraph starts.
  const raw = readFileSync(new URL('../../test/fixtures/seed-article.txt', import.meta.url), 'utf8')
  const body = raw.slice(0, raw.indexOf('To contact the WSWS')).trimEnd()
  const pages = body.split(/\n\s*\n/).map((chunk) =>
    chunk
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l): PdfLine => ({ text: l.trim(), indent: (l.length - l.trimStart().length) * 5 })),
  )
  // The expected prose, built from the text file by the rule a reader applies: a paragraph starts at an
  // indented line (three or more spaces), and its lines are joined with single spaces.
  const expected = body
    .split('\n')
    .filter((l) => l.trim() !== '')
    .reduce<string[]>((paras, l) => {
      if (/^ {3,}/.test(l) || paras.length === 0) paras.push(l.trim())
      else paras[paras.length - 1] += ` ${l.trim()}`
      return paras
    }, [])
    .join('\n\n')

  it('gives the same claims from the sample PDF as from the text it was typeset from', async () => {
    const { extract } = await import('../extraction/index.js')
    const root = new URL('../../samples/', import.meta.url)
    const pdf = await readDocument(readFileSync(new URL('seed-article.pdf', root)), { filename: 'seed-article.pdf', maxBytes: 1e8 })
    const txt = readFileSync(new URL('seed-article.txt', root), 'utf8')
    const key = (t: string) =>
      extract(t, { published: '2013-11-04' }).claims.map((c) => [c.measure, c.category, c.min, c.max, c.scope, c.claimant, c.period.start, c.period.end].join(' '))
    expect(key(pdf.text)).toEqual(key(txt))
  })

  it('reads as the same paragraphs, with sentences across page breaks whole and no furniture', async () => {
    const bytes = await makePdf(pages, { footers: ['{n}', 'Powered by TCPDF (www.tcpdf.org)'], pageHeight: 1400 })
    const r = await readDocument(bytes, { filename: 'seed-article.pdf', maxBytes: 10_000_000 })
    expect(pages.length).toBe(3)
    expect(r.text).toBe(expected)
    expect(r.text).toContain('Pakistan\u2019s Ministry of Defence reported to the Senate')
    expect(r.text).toContain('military strongman Pervez Musharraf\u2019s government')
    expect(r.text).not.toMatch(/TCPDF|tcpdf/)
  })
})
