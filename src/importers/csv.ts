/**
 * @module Reckon's one CSV module (RFC 4180). Reading: a streaming reader (quoted fields with "" escapes and embedded
 * line breaks, CRLF or LF, a leading BOM), chunk by chunk so memory stays flat however large the file, and a scanner
 * that cuts a file into parts on record boundaries. Writing: CRLF records, quotes doubled, and, unless the caller asks
 * for raw cells, text a spreadsheet would run as a formula neutralised (OWASP's CSV injection advice).
 */

/** One CSV record: its fields and the 1-based line on which it starts (the header is line 1). */
export interface CsvRecord {
  readonly fields: string[]
  readonly line: number
}

/**
 * The reader's state machine: text goes in piece by piece (a piece may end anywhere, even inside a quoted field or
 * between a CR and its LF) and whole records come out. Blank lines hold no record.
 */
class CsvTokenizer {
  private field = ''
  private fields: string[] = []
  private inQuotes = false
  // After a closing quote we wait for the next character: another quote (an escaped quote) or a separator.
  private quoteSeen = false
  private line = 1
  private recordLine = 1
  private first = true
  private pendingCr = false
  private fieldStarted = false

  /** Reads one piece of text, appending the records it completes to `out`. */
  feed(text: string, out: CsvRecord[]): void {
    let s = text
    if (this.first && s.length > 0) {
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1)
      this.first = false
    }
    let i = 0
    const n = s.length
    while (i < n) {
      if (this.inQuotes) {
        // Copy a run of ordinary characters at once rather than one at a time.
        const q = s.indexOf('"', i)
        const end = q === -1 ? n : q
        const run = s.slice(i, end)
        this.field += run
        for (let k = run.indexOf('\n'); k !== -1; k = run.indexOf('\n', k + 1)) this.line++
        if (q === -1) break
        this.inQuotes = false
        this.quoteSeen = true
        i = q + 1
        continue
      }
      const c = s.charCodeAt(i)
      if (this.quoteSeen) {
        this.quoteSeen = false
        if (c === 34) { this.field += '"'; this.inQuotes = true; i++; continue }
      }
      if (this.pendingCr) {
        this.pendingCr = false
        if (c === 10) { i++; continue }
      }
      if (c === 44) { this.fields.push(this.field); this.field = ''; this.fieldStarted = true; i++; continue }
      if (c === 10 || c === 13) {
        this.endRecord(out)
        this.line++
        this.recordLine = this.line
        if (c === 13) this.pendingCr = true
        i++
        continue
      }
      if (c === 34 && this.field.length === 0) { this.inQuotes = true; this.fieldStarted = true; i++; continue }
      // Unquoted text: take everything up to the next separator, quote or line break.
      let j = i + 1
      while (j < n) {
        const d = s.charCodeAt(j)
        if (d === 44 || d === 10 || d === 13) break
        j++
      }
      this.field += s.slice(i, j)
      this.fieldStarted = true
      i = j
    }
  }

  /** Ends the input: the last record, when the text does not end with a line break. */
  end(out: CsvRecord[]): void {
    this.endRecord(out)
  }

  private endRecord(out: CsvRecord[]): void {
    if (this.fieldStarted || this.field.length > 0 || this.fields.length > 0) {
      this.fields.push(this.field)
      out.push({ fields: this.fields, line: this.recordLine })
    }
    this.fields = []
    this.field = ''
    this.fieldStarted = false
  }
}

/** Parses CSV text arriving in chunks (strings, or UTF-8 bytes from a file stream) into records, in order. */
export async function* readCsv(chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>): AsyncGenerator<CsvRecord> {
  const decoder = new TextDecoder('utf-8')
  const tokenizer = new CsvTokenizer()
  const out: CsvRecord[] = []
  for await (const chunk of chunks) {
    tokenizer.feed(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }), out)
    yield* out
    out.length = 0
  }
  tokenizer.feed(decoder.decode(), out)
  tokenizer.end(out)
  yield* out
}

/** A value a CSV cell can hold; null and undefined become an empty cell. */
export type CsvValue = string | number | boolean | null | undefined

/**
 * How text cells are written. `neutralise` is for every file a person may open in a spreadsheet (the API's exports,
 * `reckon export` by default); `raw` writes cells exactly, for files read back by a program (`reckon export --raw`,
 * whose rows then re-import unchanged).
 */
export type CsvFormulas = 'neutralise' | 'raw'

/** Options for writing CSV. */
export interface CsvWriteOptions {
  readonly formulas: CsvFormulas
}

const NEUTRALISE: CsvWriteOptions = { formulas: 'neutralise' }

// A spreadsheet treats a cell starting with one of these as a formula (or as a formula's start after a tab/CR).
const FORMULA_START = /^[=+\-@\t\r]/
// A plain number ("-73.5", "+3", "1e-3") is data even when it starts with a sign; a spreadsheet reads it as that number.
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/

/**
 * Renders one cell. With `neutralise`, strings starting with = + - @ tab or CR get a leading apostrophe, which
 * spreadsheets show as text and never evaluate; finite numbers are written as numbers either way, since a number
 * such as -73.5 is data, not a formula. Cells with a separator, quote, line break or edge space are quoted.
 */
export function csvCell(v: CsvValue, opts: CsvWriteOptions = NEUTRALISE): string {
  if (v === null || v === undefined) return ''
  let s: string
  if (typeof v === 'number') s = Number.isFinite(v) ? String(v) : ''
  else if (typeof v === 'boolean') s = v ? 'true' : 'false'
  else s = opts.formulas === 'neutralise' && FORMULA_START.test(v) && !PLAIN_NUMBER.test(v) ? `'${v}` : v
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replaceAll('"', '""')}"` : s
}

/** One CSV record, CRLF-terminated. */
export function csvRow(cells: readonly CsvValue[], opts: CsvWriteOptions = NEUTRALISE): string {
  const line = cells.map((c) => csvCell(c, opts)).join(',')
  // A record of one empty cell would be a blank line, which readers skip: quote it so the record stays.
  return (line === '' && cells.length === 1 ? '""' : line) + '\r\n'
}

/** A whole CSV document: header then rows. */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvValue[]>, opts: CsvWriteOptions = NEUTRALISE): string {
  let out = csvRow(header, opts)
  for (const r of rows) out += csvRow(r, opts)
  return out
}

/** Parses a whole RFC 4180 text into records (the streaming reader's rules, for a string already in memory). */
export function parseCsv(text: string): string[][] {
  const tokenizer = new CsvTokenizer()
  const out: CsvRecord[] = []
  tokenizer.feed(text, out)
  tokenizer.end(out)
  return out.map((r) => r.fields)
}

/** Where a CSV file's records lie: the header's end and a cut every `every` data records, as byte offsets and lines. */
export interface CsvCuts {
  /** Byte offset just after the header record (and its line break). */
  readonly headerEnd: number
  /** The line on which the first data record starts (2 for a one-line header). */
  readonly headerNextLine: number
  /** Cuts after every `every`-th data record: the byte offset and the line the next record starts on. */
  readonly cuts: readonly { readonly offset: number; readonly line: number }[]
  /** Data records in the file. */
  readonly records: number
  readonly bytes: number
}

/**
 * Scans CSV bytes for record boundaries without building fields, so a large file can be cut into parts that each
 * start on a record. It follows readCsv's rules exactly (a quote opens a quoted field only at the start of a field;
 * CR, LF and CRLF end records; blank lines hold no record), so each part parses to the same records and lines.
 * Works on raw bytes: quote, comma, CR and LF never occur inside a multi-byte UTF-8 sequence.
 */
export async function scanCsvCuts(chunks: AsyncIterable<Uint8Array>, every: number): Promise<CsvCuts> {
  const step = Math.max(1, Math.floor(every))
  let pos = 0
  let line = 1
  let inQuotes = false
  let quoteSeen = false
  let fieldEmpty = true
  let hasContent = false
  let pendingCr = false
  let records = 0
  let headerEnd = -1
  let headerNextLine = 1
  const cuts: { offset: number; line: number }[] = []
  // A record just ended at `pos`; the cut waits one byte in case a CRLF's LF follows.
  const ended = (offset: number): void => {
    records++
    if (records === 1) {
      headerEnd = offset
      headerNextLine = line
    } else if ((records - 1) % step === 0) cuts.push({ offset, line })
  }
  for await (const chunk of chunks) {
    for (let i = 0; i < chunk.length; i++, pos++) {
      const b = chunk[i]!
      if (inQuotes) {
        if (b === 34) { inQuotes = false; quoteSeen = true } else if (b === 10) line++
        continue
      }
      if (quoteSeen) {
        quoteSeen = false
        if (b === 34) { inQuotes = true; continue }
      }
      if (pendingCr) {
        pendingCr = false
        if (b === 10) {
          // The LF of a CRLF belongs to the record just ended: move the cut past it.
          if (headerEnd === pos) headerEnd = pos + 1
          const last = cuts[cuts.length - 1]
          if (last !== undefined && last.offset === pos) cuts[cuts.length - 1] = { offset: pos + 1, line: last.line }
          continue
        }
      }
      if (b === 10 || b === 13) {
        line++
        if (hasContent) ended(pos + 1)
        hasContent = false
        fieldEmpty = true
        if (b === 13) pendingCr = true
        continue
      }
      hasContent = true
      if (b === 44) { fieldEmpty = true; continue }
      if (b === 34 && fieldEmpty) { inQuotes = true; fieldEmpty = false; continue }
      fieldEmpty = false
    }
  }
  if (hasContent) ended(pos)
  // A last cut at the very end would make an empty part.
  if (cuts.length > 0 && cuts[cuts.length - 1]!.offset >= pos) cuts.pop()
  if (headerEnd === -1) headerEnd = pos
  return { headerEnd, headerNextLine, cuts, records: Math.max(0, records - 1), bytes: pos }
}
