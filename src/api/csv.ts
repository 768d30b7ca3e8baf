/**
 * @module CSV writing per RFC 4180 (CRLF, quotes doubled), with cells a spreadsheet would run as a formula neutralised.
 */

/** A value a CSV cell can hold; null and undefined become an empty cell. */
export type CsvValue = string | number | boolean | null | undefined

// A spreadsheet treats a cell starting with one of these as a formula (or as a formula's start after a tab/CR).
const FORMULA_START = /^[=+\-@\t\r]/

/**
 * Renders one cell. Strings starting with = + - @ tab or CR get a leading apostrophe, which spreadsheets show
 * as text and never evaluate (OWASP CSV injection advice); finite numbers are written as numbers, since a
 * number such as -73.5 is data, not a formula.
 */
export function csvCell(v: CsvValue): string {
  if (v === null || v === undefined) return ''
  let s: string
  if (typeof v === 'number') s = Number.isFinite(v) ? String(v) : ''
  else if (typeof v === 'boolean') s = v ? 'true' : 'false'
  else s = FORMULA_START.test(v) ? `'${v}` : v
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replaceAll('"', '""')}"` : s
}

/** One CSV record, CRLF-terminated. */
export function csvRow(cells: readonly CsvValue[]): string {
  return cells.map(csvCell).join(',') + '\r\n'
}

/** A whole CSV document: header then rows. */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  let out = csvRow(header)
  for (const r of rows) out += csvRow(r)
  return out
}

/**
 * Parses RFC 4180 text into records; used by tests and tools to read exports back exactly as a spreadsheet would
 * split them.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"'
          i++
        } else quoted = false
      } else cell += ch
    } else if (ch === '"' && cell === '') quoted = true
    else if (ch === ',') {
      row.push(cell)
      cell = ''
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      i++
    } else cell += ch
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell)
    rows.push(row)
  }
  return rows
}
