/** @module The key two spellings of one region name share ("Ma'rib", "Marib", "MARIB"), used at build time and in the browser. */

/** Lower case, no diacritics or apostrophes, any other run of non-letters as one space. */
export function regionKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/['’‘ʻʼ`´]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}
