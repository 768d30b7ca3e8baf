/**
 * @module Rows a version 13 database holds (incidents an editor corrected, and a named victim) and what migration 14
 * must make of them: an incident's place or date is the editor's when their latest change of it set a value, and the
 * victim is found by search. Both adapters' upgrade tests insert these with their own driver.
 */
import { expect } from 'vitest'
import type { IncidentId } from '../../domain/ids.js'
import type { Store } from '../store.js'

const place = '{"name":"Datta Khel","admin1":"North Waziristan","admin2":null,"country":"PK","lat":32.95,"lon":69.85,"precision":"locality"}'
const date = '{"start":"2013-05-04","end":"2013-05-04","precision":"day"}'
const incident = (id: string): [string, unknown[]] => [
  `INSERT INTO incidents (id, date_start, date_end, date_last, date, place, country, victims, status, figures, source_count, created_at, updated_at)
   VALUES (?, '2013-05-04', '2013-05-04', '2013-05-04', ?, ?, 'PK', '[]', 'active', '[]', 0, 'x', 'x')`,
  [id, date, place],
]
const update = (id: string, after: string): [string, unknown[]] => [
  `INSERT INTO revisions (entity_type, entity_id, action, actor, at, why, before, after) VALUES ('incident', ?, 'update', 'ana', 'x', 'r', '{}', ?)`,
  [id, after],
]

/** Statements (with `?` placeholders) that fill a version 13 database. */
export const V13_ROWS: readonly [string, unknown[]][] = [
  // An editor set the place.
  incident('inc_place'),
  update('inc_place', `{"place":${place}}`),
  // An editor set the place, then cleared it: the claims have it again.
  incident('inc_cleared'),
  update('inc_cleared', `{"place":${place}}`),
  update('inc_cleared', '{"place":null}'),
  // An editor set the date, and later only the grade.
  incident('inc_date'),
  update('inc_date', `{"date":${date}}`),
  update('inc_date', '{"grade":"fair"}'),
  // Never edited.
  incident('inc_none'),
  [
    `INSERT INTO victims (id, incident_id, name, name_key, age, sex, relation, fate, review, status, merged_into, created_at, updated_at)
     VALUES ('vic_a', 'inc_none', 'Mohammed Hussein', 'muhamad husain', NULL, NULL, NULL, 'killed', 'found', 'active', NULL, 'x', 'x')`,
    [],
  ],
]

/** Checks what the upgraded store says of the rows V13_ROWS stored. */
export async function expectEditorSetUpgrade(store: Store): Promise<void> {
  const marks = async (id: string) => (await store.incidents.get(id as IncidentId))!.setByEditor
  expect(await marks('inc_place')).toEqual({ place: true, date: false })
  expect(await marks('inc_cleared')).toEqual({ place: false, date: false })
  expect(await marks('inc_date')).toEqual({ place: false, date: true })
  expect(await marks('inc_none')).toEqual({ place: false, date: false })
  expect((await store.victims.search('Muhammad Husain')).items.map((v) => v.id)).toEqual(['vic_a'])
}
