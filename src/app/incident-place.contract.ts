/**
 * @module Acceptance suite for an incident's stored place and date following its claims, run on every store: a later
 * report naming the village moves the incident there, an editor's place stays until the editor clears it, and a
 * conflicting claim leaves the place as it was and is reported as a finding.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Claim } from '../domain/claim.js'
import type { IncidentId } from '../domain/ids.js'
import type { Place } from '../domain/place.js'
import type { Store } from '../storage/store.js'
import { checkStore } from './check-store.js'
import { documentUseCases } from './document-use-cases.js'
import { moveClaim } from './edit-claims.js'
import { editIncident } from './edit-incidents.js'
import { SETTING_CHANGE } from './process-source.js'

const ctx = { actor: 'test' }
// Our own sentences, in the style of wire copy: a ministry naming only the country, residents naming the village, and
// an official naming another village of the same district.
const COUNTRY = 'A US drone strike killed four people in Pakistan on April 3, 2020, the foreign ministry said.'
const VILLAGE = 'The US drone strike on April 3, 2020 hit a house in Datta Khel, near Miranshah in North Waziristan, killing four people, residents said.'
const OTHER_VILLAGE = 'Four people were killed when a US drone hit a house in Mir Ali on April 3, 2020, a local official said.'
const DISTRICT: Place = { name: 'North Waziristan', admin1: null, admin2: null, country: 'PK', lat: null, lon: null, precision: 'region' }

/** Runs the suite against stores made by `open`. */
export function runIncidentPlaceSuite(name: string, open: () => Promise<Store>): void {
  describe(`incident place and date from later claims on ${name}`, () => {
    let store: Store
    let n = 0
    beforeEach(async () => {
      store = await open()
    })
    afterEach(async () => {
      await store.close()
    })
    const ingest = async (text: string, publisher: string, published: string): Promise<Claim> => {
      const sha256 = (++n).toString(16).padStart(2, '0').repeat(32)
      const input = { sha256, text, mediaType: 'text/plain' as const, filename: `${publisher}.txt`, byteLength: text.length, kind: 'news' as const, publisher, url: null, title: null, published, language: null }
      const { claims } = await documentUseCases().processSource(store, input, ctx)
      expect(claims).toHaveLength(1)
      return claims[0]!
    }
    const placeOf = async (id: IncidentId) => (await store.incidents.get(id))!.place

    it('moves the incident from the country to the village a second source names, in the list too, with a revision', async () => {
      const first = await ingest(COUNTRY, 'Dawn', '2020-05-01')
      expect(await placeOf(first.incidentId!)).toMatchObject({ precision: 'country', country: 'PK' })
      const second = await ingest(VILLAGE, 'The News', '2020-05-02')
      expect(second.incidentId).toBe(first.incidentId)
      const incident = (await store.incidents.get(first.incidentId!))!
      expect(incident.place).toMatchObject({ name: 'Datta Khel', precision: 'locality', country: 'PK' })
      expect(incident.date).toMatchObject({ start: '2020-04-03', end: '2020-04-03' })
      expect(incident.setByEditor).toEqual({ place: false, date: false })
      // The list, the map and the exports read the stored row: they show the village too.
      const listed = (await store.incidents.list({ country: 'PK' })).items
      expect(listed.map((i) => [i.id, i.place?.name])).toEqual([[incident.id, 'Datta Khel']])
      const history = (await store.revisions.list({ entityType: 'incident', entityId: incident.id })).items
      expect(history.find((r) => r.action === 'update')).toMatchObject({ actor: SETTING_CHANGE.actor, after: { place: { name: 'Datta Khel' } } })
    })

    it('keeps an editor’s place when a later claim names a finer one, until the editor clears it', async () => {
      const first = await ingest(COUNTRY, 'Dawn', '2020-05-01')
      const edited = await editIncident(store, first.incidentId!, { place: DISTRICT }, { actor: 'ana', why: 'district from a field report' })
      expect(edited.setByEditor).toEqual({ place: true, date: false })
      await ingest(VILLAGE, 'The News', '2020-05-02')
      expect(await placeOf(first.incidentId!)).toEqual(DISTRICT)
      const cleared = await editIncident(store, first.incidentId!, { place: null }, { actor: 'ana', why: 'let the reports say' })
      expect(cleared.setByEditor.place).toBe(false)
      expect(cleared.place).toMatchObject({ name: 'Datta Khel', precision: 'locality' })
    })

    it('leaves the place as it was when a conflicting claim joins, reports the conflict, and follows a claim moved out', async () => {
      const first = await ingest(COUNTRY, 'Dawn', '2020-05-01')
      const village = await ingest(VILLAGE, 'The News', '2020-05-02')
      const other = await ingest(OTHER_VILLAGE, 'Reuters', '2020-05-03')
      const id = first.incidentId!
      // The linker keeps the other village apart; an editor who judges it the same strike moves it in.
      expect(other.incidentId).not.toBe(id)
      await moveClaim(store, other.id, id, { actor: 'ana', why: 'same strike' })
      expect(await placeOf(id)).toMatchObject({ name: 'Datta Khel' })
      const { findings } = await checkStore(store)
      const conflict = findings.filter((f) => f.kind === 'place_conflict')
      expect(conflict).toHaveLength(1)
      expect([...conflict[0]!.claims].sort()).toEqual([village.id, other.id].sort())
      // The village's report moved out: the other village is all that is left finer than the country.
      await moveClaim(store, village.id, null, { actor: 'ana', why: 'another strike' })
      expect(await placeOf(id)).toMatchObject({ name: 'Mir Ali', precision: 'locality' })
    })
  })
}
