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
