/**
 * @module `reckon extract FILE|-`: prints every claim in a document as a table, as JSON (`--json`), or streams
 * JSON lines `{"id","text","published"}` from stdin to `{"id","claims","summary"}` lines on stdout (`--jsonl`).
 */
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { createInterface } from 'node:readline'
import type { Writable } from 'node:stream'
import type { Command } from 'commander'
import type { ClaimDraft } from '../../domain/claim.js'
import { isLocalDate, type LocalDate } from '../../domain/dates.js'
import { DomainError } from '../../domain/errors.js'
import { formatRange } from '../../domain/range.js'
import { readDocument } from '../../readers/read-document.js'
import { checkDrafts, extractDocument } from '../../app/check-document.js'
import type { CliContext } from '../context.js'
import { println } from '../io.js'
import { explainFindings, printFindings } from './check.js'

interface ExtractFlags {
  readonly published?: string
  readonly json?: boolean
  readonly jsonl?: boolean
  readonly check?: boolean
  readonly publisher?: string
}

/** Registers `reckon extract`. */
export function extractCommand(program: Command, ctx: CliContext): void {
  program
    .command('extract')
    .description('Print every casualty claim in a document (txt, md, html, pdf, or - for stdin)')
    .argument('[file]', 'the document, or - for stdin')
    .option('--published <date>', 'publication date YYYY-MM-DD, to resolve "Thursday", "last month"')
    .option('--publisher <name>', 'who published the document: the claimant of figures it gives in its own voice')
    .option('--json', 'print the claims as JSON')
    .option('--jsonl', 'stream JSON lines {"id","text","published"} from stdin to {"id","claims","summary"} lines')
    .option('--check', 'also check the claims against one another (contradictions, tensions), storing nothing')
    .action(async (file: string | undefined, flags: ExtractFlags) => {
      if (flags.jsonl) return streamJsonl(ctx)
      if (file === undefined) throw new DomainError('invalid_input', 'extract: give a FILE or - for stdin (or --jsonl)')
      const published = parsePublished(flags.published)
      const text = await readInput(ctx, file)
      const result = extractDocument(text, { published, publisher: flags.publisher ?? null })
      const checked = flags.check === true ? checkDrafts(result.claims, published) : null
      const findings = checked === null ? null : await explainFindings(checked.findings, (id) => checked.claims.find((c) => c.id === id) ?? null)
      if (flags.json) {
        println(ctx.io.stdout, JSON.stringify({ claims: result.claims, victims: result.victims, summary: result.summary, notes: result.notes, ...(findings ? { findings } : {}) }, null, 2))
        return
      }
      printTable(ctx.io.stdout, result.claims)
      if (findings) {
        println(ctx.io.stdout)
        printFindings(ctx.io.stdout, findings)
      }
      for (const n of result.notes) println(ctx.io.stderr, `note: ${n}`)
    })
}

function parsePublished(value: string | undefined): LocalDate | null {
  if (value === undefined) return null
  if (isLocalDate(value)) return value
  throw new DomainError('invalid_input', `--published must be a date YYYY-MM-DD (got ${JSON.stringify(value)})`)
}

async function readInput(ctx: CliContext, file: string): Promise<string> {
  const maxBytes = ctx.config().maxDocumentBytes
  if (file === '-') {
    const chunks: Buffer[] = []
    let size = 0
    for await (const c of ctx.io.stdin) {
      const b = typeof c === 'string' ? Buffer.from(c) : (c as Buffer)
      size += b.byteLength
      if (size > maxBytes) throw new DomainError('too_large', `stdin: over the limit of ${maxBytes} bytes (RECKON_MAX_DOCUMENT_BYTES)`)
      chunks.push(b)
    }
    return (await readDocument(Buffer.concat(chunks), { filename: 'stdin.txt', maxBytes })).text
  }
  const path = resolve(ctx.io.cwd, file)
  let bytes: Uint8Array
  try {
    bytes = await readFile(path)
  } catch (e) {
    throw new DomainError('not_found', `${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`, { cause: e })
  }
  return (await readDocument(bytes, { filename: file, maxBytes })).text
}

/** One line in, one line out, in order; lines are handled as they arrive so memory stays constant. */
async function streamJsonl(ctx: CliContext): Promise<void> {
  const out = ctx.io.stdout
  const lines = createInterface({ input: ctx.io.stdin, crlfDelay: Infinity })
  for await (const line of lines) {
    if (line.trim() === '') continue
    const answer = jsonlAnswer(line)
    if (!out.write(JSON.stringify(answer) + '\n')) await drained(out)
  }
}

function drained(out: Writable): Promise<void> {
  return new Promise((res) => out.once('drain', () => res()))
}

/** The answer to one input line; a bad line yields an `error` instead of stopping the stream. */
export function jsonlAnswer(line: string): Record<string, unknown> {
  let input: unknown
  try {
    input = JSON.parse(line)
  } catch {
    return { id: null, error: 'not a JSON line', claims: [], summary: null }
  }
  const r = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>
  const id = typeof r.id === 'string' || typeof r.id === 'number' ? r.id : null
  if (typeof r.text !== 'string') return { id, error: 'text must be a string', claims: [], summary: null }
  const published = typeof r.published === 'string' && isLocalDate(r.published) ? r.published : null
  const result = extractDocument(r.text, { published })
  return { id, claims: result.claims, summary: result.summary, notes: result.notes }
}

function clip(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ').trim()
  return one.length <= n ? one : one.slice(0, n - 1) + '…'
}

function printTable(out: Writable, claims: readonly ClaimDraft[]): void {
  if (claims.length === 0) {
    println(out, 'No casualty claims found.')
    return
  }
  const header = ['quote', 'measure', 'category', 'range', 'qualifier', 'scope', 'period', 'place', 'actor', 'claimant']
  const rows = claims.map((c) => [
    clip(c.quote, 60),
    c.measure,
    c.category,
    formatRange(c),
    c.qualifier,
    c.scope + (c.incidents !== null ? ` (${c.incidents})` : ''),
    c.period.start === null && c.period.end === null ? (c.period.text ? `${c.period.text}?` : '') : `${c.period.start ?? '…'}..${c.period.end ?? '…'}`,
    c.place?.name ?? '',
    c.actor ?? '',
    c.claimant ?? '(the document)',
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const fmt = (r: readonly string[]): string => r.map((v, i) => v.padEnd(widths[i]!)).join('  ').trimEnd()
  println(out, fmt(header))
  println(out, fmt(widths.map((w) => '-'.repeat(w))))
  for (const r of rows) println(out, fmt(r))
}
