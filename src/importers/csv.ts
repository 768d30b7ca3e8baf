/**
 * @module A small streaming RFC 4180 CSV reader: quoted fields with "" escapes and embedded line breaks, CRLF or LF,
 * a leading BOM. It reads chunk by chunk, so memory stays flat however large the file.
 */

/** One CSV record: its fields and the 1-based line on which it starts (the header is line 1). */
export interface CsvRecord {
  readonly fields: string[]
  readonly line: number
}

/** Parses CSV text arriving in chunks (strings, or UTF-8 bytes from a file stream) into records, in order. */
export async function* readCsv(chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>): AsyncGenerator<CsvRecord> {
  const decoder = new TextDecoder('utf-8')
  let field = ''
  let fields: string[] = []
  let inQuotes = false
  // After a closing quote we wait for the next character: another quote (an escaped quote) or a separator.
  let quoteSeen = false
  let line = 1
  let recordLine = 1
  let first = true
  let pendingCr = false
  let fieldStarted = false
  for await (const chunk of chunks) {
    let s = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true })
    if (first && s.length > 0) {
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1)
      first = false
    }
    let i = 0
    const n = s.length
    while (i < n) {
      if (inQuotes) {
        // Copy a run of ordinary characters at once rather than one at a time.
        const q = s.indexOf('"', i)
        const end = q === -1 ? n : q
        const run = s.slice(i, end)
        field += run
        for (let k = run.indexOf('\n'); k !== -1; k = run.indexOf('\n', k + 1)) line++
        if (q === -1) { i = n; break }
        inQuotes = false
        quoteSeen = true
        i = q + 1
        continue
      }
      const c = s.charCodeAt(i)
      if (quoteSeen) {
        quoteSeen = false
        if (c === 34) { field += '"'; inQuotes = true; i++; continue }
      }
      if (pendingCr) {
        pendingCr = false
        if (c === 10) { i++; continue }
      }
      if (c === 44) { fields.push(field); field = ''; fieldStarted = true; i++; continue }
      if (c === 10 || c === 13) {
        if (fieldStarted || field.length > 0 || fields.length > 0) {
          fields.push(field)
          yield { fields, line: recordLine }
        }
        fields = []; field = ''; fieldStarted = false
        line++
        recordLine = line
        if (c === 13) pendingCr = true
        i++
        continue
      }
      if (c === 34 && field.length === 0) { inQuotes = true; fieldStarted = true; i++; continue }
      // Unquoted text: take everything up to the next separator, quote or line break.
      let j = i + 1
      while (j < n) {
        const d = s.charCodeAt(j)
        if (d === 44 || d === 10 || d === 13) break
        j++
      }
      field += s.slice(i, j)
      fieldStarted = true
      i = j
    }
  }
  const tail = decoder.decode()
  if (tail) field += tail
  if (fieldStarted || field.length > 0 || fields.length > 0) {
    fields.push(field)
    yield { fields, line: recordLine }
  }
}

/** Quotes one CSV field when it needs it (separator, quote or line break inside). */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return ''
  const s = String(value)
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** One CSV line (with CRLF, as RFC 4180 writes it). */
export function csvLine(values: readonly (string | number | null | undefined)[]): string {
  return values.map(csvField).join(',') + '\r\n'
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
