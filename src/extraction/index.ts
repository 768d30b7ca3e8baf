/** @module Extraction: every casualty figure in a text as a ClaimDraft, and the principal incident's summary. */
export { extract, EXTRACTOR_VERSION, type ExtractedVictim, type ExtractOptions, type ExtractionResult } from './extract.js'
export { summarise, type Summary } from './summarise.js'
export { VAGUE } from './numbers.js'
