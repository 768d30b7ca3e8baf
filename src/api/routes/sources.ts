/** @module Sources: post a document (JSON text or a file upload), list and search them, read one with its text. */
import { createHash } from 'node:crypto'
import { DomainError } from '../../domain/errors.js'
import { asSourceId } from '../../domain/ids.js'
import { sourceMeta, type MediaType } from '../../domain/source.js'
import { mediaTypeFor } from '../../readers/read-document.js'
import type { SourceInput } from '../../storage/store.js'
import { CreateSourceJson, CreateSourceResponse, CreateSourceUpload, IdParams, Page, Source, SourceListQuery, SourceSummary } from '../schemas.js'
import { route, type AnyRoute } from '../route.js'
import { changeBy, found, pageOf, type RouteContext } from './context.js'

// Multipart framing and form fields around the file; the file itself is held to maxDocumentBytes separately.
// JSON escaping can grow a document's text too; the text itself is checked against maxDocumentBytes when read.
const MULTIPART_OVERHEAD = 64 * 1024

const UPLOAD_TYPES: Readonly<Record<string, MediaType>> = {
  'text/plain': 'text/plain',
  'text/markdown': 'text/markdown',
  'text/html': 'text/html',
  'application/pdf': 'application/pdf',
}

/** Source routes. */
export function sourceRoutes({ store, config, deps }: RouteContext): AnyRoute[] {
  return [
    route({
      method: 'post',
      path: '/api/sources',
      operationId: 'createSource',
      summary: 'Stores a document (JSON text, or a txt/md/html/pdf upload in `file`), extracts its claims and links them.',
      tags: ['sources'],
      access: 'editor',
      body: CreateSourceJson,
      upload: CreateSourceUpload,
      response: CreateSourceResponse,
      status: 201,
      maxBodyBytes: (l) => Math.max(l.json, l.document + MULTIPART_OVERHEAD),
      handler: async ({ body, upload, principal }) => {
        const fields = upload ?? body
        let bytes: Uint8Array
        let mediaType: MediaType | null
        let filename: string | null = null
        if (upload !== undefined) {
          const file = upload.file
          if (file.size > config.maxDocumentBytes) {
            throw new DomainError('too_large', `body.file: ${file.size} bytes is over the limit of ${config.maxDocumentBytes} bytes`, { details: { field: 'body.file' } })
          }
          filename = file.name === '' ? null : file.name.slice(0, 255)
          mediaType = (filename === null ? null : mediaTypeFor(filename)) ?? UPLOAD_TYPES[file.type.split(';')[0]!.trim().toLowerCase()] ?? null
          if (mediaType === null) throw new DomainError('unsupported_format', `body.file: ${filename ?? 'the upload'} is not txt, md, html or pdf`, { details: { field: 'body.file' } })
          bytes = new Uint8Array(await file.arrayBuffer())
        } else {
          bytes = new TextEncoder().encode(body.text)
          mediaType = 'text/plain'
        }
        const read = await deps.read(bytes, { filename, mediaType, maxBytes: config.maxDocumentBytes })
        const meta = sourceMeta({ ...fields, title: fields.title ?? read.title, file: undefined, text: undefined }, 'body')
        const input: SourceInput = {
          ...meta,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          text: read.text,
          mediaType: read.mediaType,
          filename,
          byteLength: bytes.byteLength,
        }
        const r = await deps.processSource(store, input, changeBy(principal, 'posted through the API'))
        return { source: r.source, claims: [...r.claims], created: r.created }
      },
    }),
    route({
      method: 'get',
      path: '/api/sources',
      operationId: 'listSources',
      summary: 'Sources in the order they were stored, or full-text search results (best first) with `search`.',
      tags: ['sources'],
      access: 'read',
      query: SourceListQuery,
      response: Page(SourceSummary),
      handler: async ({ query }) => (query.search !== undefined ? store.sources.search(query.search, pageOf(query)) : store.sources.list(pageOf(query))),
    }),
    route({
      method: 'get',
      path: '/api/sources/:id',
      operationId: 'getSource',
      summary: 'One source with its normalised text.',
      tags: ['sources'],
      access: 'read',
      params: IdParams,
      response: Source,
      handler: async ({ params }) => found(await store.sources.get(asSourceId(params.id)), 'source', params.id),
    }),
  ]
}
