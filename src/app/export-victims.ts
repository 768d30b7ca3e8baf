/**
 * @module Named victims in exports: one CSV row per victim with the incident it belongs to (the API's victims.csv and
 * `reckon export --what victims`), and the victims a JSON export carries inside each incident. A victim listed for
 * review (`found`) is exported with its review state, so a recorder can keep or drop it; rejected and removed ones
 * are left out.
 */
import type { IncidentId } from '../domain/ids.js'
import type { Incident } from '../domain/incident.js'
import type { Victim } from '../domain/victim.js'
import { csvRow, type CsvWriteOptions } from '../importers/csv.js'
import type { IncidentFilter, Store } from '../storage/store.js'

const PAGE = 500

/** The victims CSV header: the incident's key fields, then the person, then the reports that name them. */
export const VICTIM_CSV_HEADER = [
  'incident_id',
  'incident_date_start',
  'incident_date_end',
  'country',
  'admin1',
  'place',
  'victim_id',
  'name',
  'age',
  'sex',
  'relation',
  'fate',
  'review',
  'source_ids',
  'claim_ids',
] as const

/** A victim as a JSON export carries it in its incident: the person, the review state and the reports that name them. */
export interface ExportedVictim {
  readonly id: string
  readonly name: string
  readonly age: number | null
  readonly sex: Victim['sex']
  readonly relation: string | null
  readonly fate: Victim['fate']
  readonly review: Victim['review']
  readonly sourceIds: readonly string[]
  readonly claimIds: readonly string[]
}

/** One victim as exported: the sources and claims that name them, each once, in the order they were named. */
export function exportedVictim(v: Victim): ExportedVictim {
  return {
    id: v.id,
    name: v.name,
    age: v.age,
    sex: v.sex,
    relation: v.relation,
    fate: v.fate,
    review: v.review,
    sourceIds: [...new Set(v.sources.map((s) => s.sourceId))],
    claimIds: [...new Set(v.sources.map((s) => s.claimId))],
  }
}

/** Every incident matching the filter, in date order (then id), a page at a time, with each page's victims. */
export async function* incidentPagesWithVictims(store: Store, filter: IncidentFilter): AsyncGenerator<{ incidents: readonly Incident[]; victims: Map<IncidentId, Victim[]> }> {
  for (let offset = 0; ; offset += PAGE) {
    const page = await store.incidents.list(filter, { limit: PAGE, offset }, 'date')
    if (page.items.length > 0) yield { incidents: page.items, victims: await store.victims.listForIncidents(page.items.map((i) => i.id)) }
    if (page.items.length < PAGE) return
  }
}

/** The victims CSV of the incidents matching the filter, a chunk per page (header first); cells neutralised unless `csv` says raw. */
export async function* victimCsvChunks(store: Store, filter: IncidentFilter, csv?: CsvWriteOptions): AsyncGenerator<string> {
  for await (const page of victimCsvPages(store, filter, csv)) yield page.text
}

/** Writes the victims CSV of the incidents matching the filter; resolves to how many victims it wrote. */
export async function exportVictims(store: Store, filter: IncidentFilter, write: (chunk: string) => void | Promise<void>, csv?: CsvWriteOptions): Promise<number> {
  let n = 0
  for await (const page of victimCsvPages(store, filter, csv)) {
    await write(page.text)
    n += page.rows
  }
  return n
}

async function* victimCsvPages(store: Store, filter: IncidentFilter, csv?: CsvWriteOptions): AsyncGenerator<{ text: string; rows: number }> {
  yield { text: csvRow([...VICTIM_CSV_HEADER], csv), rows: 0 }
  for await (const { incidents, victims } of incidentPagesWithVictims(store, filter)) {
    let chunk = ''
    let rows = 0
    for (const i of incidents) {
      for (const v of victims.get(i.id) ?? []) {
        rows++
        const e = exportedVictim(v)
        chunk += csvRow(
          [i.id, i.date.start, i.date.end, i.place?.country, i.place?.admin1, i.place?.name, e.id, e.name, e.age, e.sex, e.relation, e.fate, e.review, e.sourceIds.join('; '), e.claimIds.join('; ')],
          csv,
        )
      }
    }
    if (rows > 0) yield { text: chunk, rows }
  }
}
