/**
 * @module Hostile and huge inputs against the built CLI as real processes: while `reckon serve` reads a 50 MB text
 * or a PDF of millions of text operators, /api/health keeps answering and the work ends within the request timeout;
 * SIGTERM stops the server in the middle of such work; and a multi-file `reckon ingest` refuses a zip-bomb PDF and a
 * too-slow PDF by name and stores the files after them.
 */
import { spawn } from 'node:child_process'
import { request } from 'node:http'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hostilePdf } from '../src/readers/test-helpers/hostile-pdf.js'
import { openStore } from '../src/storage/open-store.js'
import { ensureBuilt, main } from './helpers/built-cli.js'
import { spawnServe, type ServeProcess } from './helpers/serve-process.js'

const root = mkdtempSync(join(tmpdir(), 'reckon-hostile-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
beforeAll(() => ensureBuilt())

const PARAGRAPH =
  'PESHAWAR — A US drone strike killed at least eight people in North Waziristan on Thursday, officials said. ' +
  'Residents said three of the dead were children. Another strike on Friday wounded 4 people near Miranshah.\n\n'
/** A text of about `bytes` bytes (a little more once in JSON) of report paragraphs, each with figures. */
const bigText = (bytes: number): string => PARAGRAPH.repeat(Math.ceil(bytes / PARAGRAPH.length))
/** A PDF of about 140 KB whose one page holds ten million text operators (70 MB decoded): pdf.js needs minutes. */
const slowPdf = (): Uint8Array => hostilePdf('A drone strike killed 3 people.', { kind: 'operators', count: 10_000_000 })

/** What a request sent with node:http gave: its status and body, and when its body had been handed to the socket. */
interface Sent {
  readonly flushed: Promise<void>
  readonly answer: Promise<{ status: number; body: string }>
}

function send(url: string, headers: Record<string, string>, body: Uint8Array | string): Sent {
  let flushedResolve!: () => void
  const flushed = new Promise<void>((r) => (flushedResolve = r))
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (d: string) => (text += d))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(body, () => flushedResolve())
  })
  return { flushed, answer }
}

/** Multipart body with one file part. */
function multipart(filename: string, type: string, bytes: Uint8Array): { body: Buffer; contentType: string } {
  const boundary = 'reckon-test-boundary'
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`),
    Buffer.from(bytes),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  return { body, contentType: `multipart/form-data; boundary=${boundary}` }
}

/**
 * Asks /api/health again and again from the moment the request's body has been sent until it is answered, and
 * returns the statuses of the health answers that came back while it was still being worked on.
 */
async function healthWhile(server: ServeProcess, sent: Sent): Promise<number[]> {
  await sent.flushed
  let done = false
  void sent.answer.finally(() => (done = true)).catch(() => undefined)
  const statuses: number[] = []
  while (!done) {
    const r = await fetch(`${server.url}/api/health`)
    await r.arrayBuffer()
    if (!done) statuses.push(r.status)
    await new Promise((r) => setTimeout(r, 20))
  }
  return statuses
}

async function editorToken(path: string): Promise<string> {
  const store = await openStore({ kind: 'sqlite', path })
  try {
    return (await store.tokens.create('editor', 'editor', { actor: 'test' })).token
  } finally {
    await store.close()
  }
}

describe('reckon serve under huge and hostile documents', () => {
  it('answers /api/health while it stores a 50 MB text and while it reads a hostile PDF, then goes on serving', async () => {
    const path = join(root, 'serve.db')
    const token = await editorToken(path)
    const server = await spawnServe({ DATABASE_URL: path, RECKON_REQUEST_TIMEOUT_MS: '8000' })
    try {
      const auth = { authorization: `Bearer ${token}` }
      const text = JSON.stringify({ text: bigText(48 * 1024 * 1024), kind: 'news', published: '2013-11-08' })
      const big = send(`${server.url}/api/sources`, { ...auth, 'content-type': 'application/json' }, text)
      const duringText = await healthWhile(server, big)
      const bigAnswer = await big.answer
      // Stored, refused as needing too much memory, or cut by the request timeout: any of them, but an answer.
      expect([201, 413, 503]).toContain(bigAnswer.status)
      expect(duringText.length).toBeGreaterThanOrEqual(3)
      expect(new Set(duringText)).toEqual(new Set([200]))

      const pdf = multipart('hostile.pdf', 'application/pdf', slowPdf())
      const hostile = send(`${server.url}/api/sources`, { ...auth, 'content-type': pdf.contentType }, pdf.body)
      const duringPdf = await healthWhile(server, hostile)
      const hostileAnswer = await hostile.answer
      expect(hostileAnswer.status).toBe(503)
      expect(JSON.parse(hostileAnswer.body)).toMatchObject({ error: { code: 'timeout' } })
      expect(duringPdf.length).toBeGreaterThanOrEqual(3)
      expect(new Set(duringPdf)).toEqual(new Set([200]))

      // The worker that was ended is replaced: the next document is read and stored.
      const ok = await fetch(`${server.url}/api/sources`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ text: PARAGRAPH.repeat(400), kind: 'news', published: '2013-11-08' }),
      })
      expect(ok.status).toBe(201)
    } finally {
      await server.stop()
    }
  }, 240_000)

  it('stops on SIGTERM while a hostile PDF is being read', async () => {
    const path = join(root, 'sigterm.db')
    const token = await editorToken(path)
    const server = await spawnServe({ DATABASE_URL: path, RECKON_REQUEST_TIMEOUT_MS: '600000' })
    const pdf = multipart('hostile.pdf', 'application/pdf', slowPdf())
    const hostile = send(`${server.url}/api/sources`, { authorization: `Bearer ${token}`, 'content-type': pdf.contentType }, pdf.body)
    await hostile.flushed
    // The upload has been taken in and is being read when health answers again.
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200)
    const answered = hostile.answer.then((a) => a.status, () => 0)
    await server.stop()
    expect(server.output()).toMatch(/reckon: stopped/)
    // Its caller was told (503) or its connection cut; either way the server did not wait for the PDF.
    expect([0, 503]).toContain(await answered)
  }, 120_000)
})

describe('reckon ingest with hostile files among good ones', () => {
  it('refuses a zip-bomb PDF and a too-slow PDF by name and stores the files after them', async () => {
    const dir = join(root, 'reports')
    mkdirSync(dir)
    writeFileSync(join(dir, 'a-first.txt'), 'A drone strike in Datta Khel on 5 March 2012 killed three people, officials said.\n')
    // 120 MB of zeros in a 120 KB file, against a bound of 10 × 10 MB; the slow PDF decodes to 70 MB, under it.
    writeFileSync(join(dir, 'b-bomb.pdf'), hostilePdf('A drone strike killed 3 people.', { kind: 'zeros', bytes: 120_000_000 }))
    writeFileSync(join(dir, 'c-slow.pdf'), slowPdf())
    writeFileSync(join(dir, 'd-last.txt'), 'A drone strike in Mir Ali on 9 March 2012 wounded 5 people, residents said.\n')
    const db = join(root, 'ingest.db')
    const child = spawn(process.execPath, [main, 'ingest', dir, '--published', '2012-03-10'], {
      env: { ...process.env, DATABASE_URL: db, RECKON_MAX_DOCUMENT_BYTES: '10000000', RECKON_DOCUMENT_TIMEOUT_MS: '3000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    const code = await new Promise<number | null>((r) => child.once('exit', r))
    expect(code).not.toBe(0)
    expect(err).toMatch(/b-bomb\.pdf: the PDF's compressed streams decode to more than 100000000 bytes/)
    expect(err).toMatch(/c-slow\.pdf: reading and extraction took longer than 3000 ms/)
    expect(out).toMatch(/ingested 2 new sources, 0 already stored, 2 failed/)
    const store = await openStore({ kind: 'sqlite', path: db })
    try {
      const names = (await store.sources.list({ limit: 10 })).items.map((s) => s.filename).sort()
      expect(names).toEqual(['a-first.txt', 'd-last.txt'])
    } finally {
      await store.close()
    }
  }, 120_000)
})
