/**
 * @module HTML to text: the words a reader sees, with block structure kept as paragraph breaks. The markup is
 * parsed as data by htmlparser2; nothing in it is executed, fetched or resolved.
 */
import { Parser } from 'htmlparser2'

/** Elements whose content is never article text: code, styling, navigation, embedded documents, hidden parts. */
const SKIPPED = new Set([
  'script', 'style', 'noscript', 'nav', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas',
  'select', 'datalist', 'audio', 'video',
])

/** Elements that start and end a paragraph of text. */
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup',
  'hr', 'html', 'legend', 'li', 'main', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'tfoot', 'thead',
  'ul',
])

// HTML's own whitespace (not U+00A0: a no-break space is visible content and is kept as written).
const HTML_SPACE = /[ \t\n\r\f]+/g

/** Text and title of an HTML document, before the shared normalisation. */
export interface HtmlText {
  readonly text: string
  readonly title: string | null
}

/**
 * Extracts the visible text of an HTML document. Each block element (p, div, li, h1-h6, table...) becomes a
 * paragraph separated by a blank line; `<br>` and table rows become line breaks; cells are separated by a space;
 * whitespace inside a block collapses to one space except in `<pre>`; entities are decoded; script, style,
 * noscript, nav, template, svg, iframe and elements with the `hidden` attribute are dropped. The first `<title>`
 * is returned separately and is not part of the text.
 */
export function htmlToText(html: string): HtmlText {
  const paragraphs: string[] = []
  let current = ''
  let depth = 0
  let skipFrom = -1 // depth at which a skipped element opened, -1 when not skipping
  let preDepth = 0
  let inTitle = false
  let title: string | null = null

  const flush = (): void => {
    const text =
      preDepth > 0
        ? current.replace(/^\n+|\s+$/g, '')
        : current
            .split('\n')
            .map((line) => line.replace(HTML_SPACE, ' ').trim())
            .join('\n')
            .replace(/^\n+|\n+$/g, '')
    if (text !== '') paragraphs.push(text)
    current = ''
  }

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        depth++
        if (skipFrom >= 0) return
        if (SKIPPED.has(name) || 'hidden' in attribs) {
          skipFrom = depth
          return
        }
        if (name === 'title' && title === null) {
          inTitle = true
          title = ''
        } else if (name === 'br') current += '\n'
        else if (name === 'tr') current += '\n'
        else if (name === 'td' || name === 'th') current += ' '
        else if (BLOCKS.has(name)) {
          flush()
          if (name === 'pre') preDepth++
        }
      },
      onclosetag(name) {
        const closing = depth--
        if (skipFrom >= 0) {
          if (closing === skipFrom) skipFrom = -1
          return
        }
        if (name === 'title') inTitle = false
        else if (name === 'td' || name === 'th') current += ' '
        else if (BLOCKS.has(name)) {
          flush()
          if (name === 'pre') preDepth = Math.max(0, preDepth - 1)
        }
      },
      ontext(data) {
        if (skipFrom >= 0) return
        if (inTitle) title = (title ?? '') + data
        // Source line breaks are only whitespace; '\n' in `current` is reserved for <br> and table rows.
        else current += preDepth > 0 ? data : data.replace(HTML_SPACE, ' ')
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  )
  parser.write(html)
  parser.end()
  flush()
  const cleanTitle = title === null ? null : (title as string).replace(HTML_SPACE, ' ').trim()
  return { text: paragraphs.join('\n\n'), title: cleanTitle === '' ? null : cleanTitle }
}

/**
 * The character encoding an HTML document declares in a `<meta charset>` or `http-equiv` tag within its first
 * 1024 bytes (as the HTML standard's prescan does), or null when it declares none.
 */
export function declaredHtmlCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024))
  const m = /<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)/i.exec(head)
  return m?.[1]?.toLowerCase() ?? null
}
