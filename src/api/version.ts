/** @module The API's version, reported by /api/health and the OpenAPI document. */
/** Reckon's version (kept in step with package.json). */
export const VERSION = '0.1.0'
