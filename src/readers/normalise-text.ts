/**
 * @module The one normalisation every reader applies last. Claim spans are offsets into its output, so it is
 * deterministic, idempotent, and changes nothing a reader of the text would call content.
 */

// Soft hyphen, zero-width space, word joiner, and the zero-width no-break space (BOM) are invisible and only
// break word matching. ZWNJ (U+200C) and ZWJ (U+200D) are kept: they change spelling in Persian, Urdu and
// Pashto script and inside emoji, which Reckon must quote exactly.
const INVISIBLE = /[\u00ad\u200b\u2060\ufeff]/g
// Trailing blanks of a line: spaces, tabs, no-break and other Unicode spaces (not the newline itself).
const TRAILING_BLANKS = /[^\S\n]+$/gm

/**
 * Normalises text for storage and span indexing, in this order: CRLF, lone CR, vertical tab, NEL and
 * U+2028 become LF, form feed and U+2029 a blank line;
 * soft hyphens (U+00AD), zero-width spaces (U+200B), word joiners (U+2060) and BOMs (U+FEFF) are removed; Unicode NFC;
 * blanks at the end of every line are removed; runs of blank lines become one blank line; blank lines at the
 * start and blanks at the end of the text are removed. Lines are never joined and leading indentation is kept.
 *
 * @example normaliseText('a  \r\n\r\n\r\nb\u00ad') // 'a\n\nb'
 */
export function normaliseText(input: string): string {
  return input
    .replace(/\r\n?|[\v\u0085\u2028]/g, '\n')
    .replace(/[\f\u2029]/g, '\n\n')
    // Invisible characters go before NFC, so that removing one can never leave a sequence NFC would compose.
    .replace(INVISIBLE, '')
    .normalize('NFC')
    .replace(TRAILING_BLANKS, '')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+/, '')
    .replace(/\s+$/, '')
}
