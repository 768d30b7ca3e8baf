/**
 * @module Streamed response bodies for exports: text chunks pulled one at a time as the client reads, each bounded
 * by a deadline, so an export of any size runs as long as it keeps producing and a stalled one is ended.
 */
import { DomainError } from '../domain/errors.js'

/**
 * A streamed attachment built from an async sequence of text chunks. The request timeout cannot cover a body that
 * is still being written once the headers are sent, so each chunk gets `chunkTimeoutMs` instead: past it the body
 * is aborted (the client sees an incomplete response, never a short one passed off as whole) and the sequence is
 * told to stop. A client that stops reading stops the pulls; one that disconnects cancels the sequence.
 */
export function streamOf(chunks: AsyncIterable<string>, type: string, filename: string, chunkTimeoutMs: number): Response {
  const encoder = new TextEncoder()
  const it = chunks[Symbol.asyncIterator]()
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      let timer: NodeJS.Timeout | undefined
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new DomainError('timeout', `${filename}: the next part took longer than ${chunkTimeoutMs} ms`)), chunkTimeoutMs)
      })
      try {
        const next = await Promise.race([it.next(), deadline])
        if (next.done === true) controller.close()
        else controller.enqueue(encoder.encode(next.value))
      } catch (e) {
        // Not awaited: a sequence stuck inside a query only returns once that query ends.
        it.return?.().catch(() => undefined)
        controller.error(e)
      } finally {
        clearTimeout(timer)
      }
    },
    async cancel() {
      await it.return?.()
    },
  })
  return new Response(body, { headers: { 'content-type': type, 'content-disposition': `attachment; filename="${filename}"` } })
}
