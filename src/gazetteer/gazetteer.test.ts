import { describe, expect, test } from 'vitest'
import { place } from '../domain/place.js'
import { ancestry, countryFromDemonym, countryName, findPlaces, gazetteerIndex, lookupPlace, lookupPlaces, placeContains } from './index.js'

const must = (name: string, country?: string) => {
  const p = lookupPlace(name, country)
  if (!p) throw new Error(`gazetteer lacks ${name}`)
  return p
}

describe('data', () => {
  test('every entry is a valid domain Place with a consistent hierarchy', () => {
    const idx = gazetteerIndex()
    expect(idx.entries.filter((e) => e.kind === 'country').length).toBeGreaterThan(240)
    for (const e of idx.entries) {
      for (const parent of e.parents) expect(idx.byId.get(parent)?.country, `${e.id} → ${parent}`).toBe(e.country)
      if (e.kind !== 'country') expect(e.parents.length, e.id).toBeGreaterThan(0)
    }
    for (const e of idx.entries.slice(0, 400)) expect(() => place(lookupPlaces(e.name, e.country)[0])).not.toThrow()
  })

  test('focus countries have every region with a point inside a plausible box', () => {
    const boxes: Record<string, [number, number, number, number]> = {
      PK: [23, 37.5, 60.5, 77.9], AF: [29, 38.5, 60.4, 75], YE: [12, 19, 42, 54.6], SO: [-1.7, 12, 40.9, 51.5],
      IQ: [29, 37.4, 38.7, 48.7], SY: [32.3, 37.4, 35.6, 42.4], LY: [19.5, 33.2, 9.3, 25.2],
    }
    const idx = gazetteerIndex()
    for (const [cc, [s, n, w, e]] of Object.entries(boxes)) {
      const regions = idx.entries.filter((x) => x.country === cc && x.kind === 'region')
      expect(regions.length, cc).toBeGreaterThan(7)
      for (const r of regions) {
        expect(r.lat, r.id).not.toBeNull()
        expect(r.lat! >= s && r.lat! <= n && r.lon! >= w && r.lon! <= e, `${r.id} ${r.name} at ${r.lat},${r.lon}`).toBe(true)
      }
    }
  })

  test('domain regions: FATA agencies, Yemen governorates, Somali, Afghan, Iraqi, Syrian and Libyan regions', () => {
    for (const n of ['North Waziristan', 'South Waziristan', 'Khyber Agency', 'Bajaur', 'Kurram', 'Orakzai', 'Mohmand', 'Khyber Pakhtunkhwa', 'Balochistan', 'FATA']) {
      expect(must(n)).toMatchObject({ country: 'PK', precision: 'region' })
    }
    expect(must('Shabwa').country).toBe('YE')
    expect(must('Hadhramaut').country).toBe('YE')
    expect(must('Lower Shabelle').country).toBe('SO')
    expect(must('Nangarhar').country).toBe('AF')
    expect(must('Wardak').country).toBe('AF')
    expect(must('Nineveh').country).toBe('IQ')
    expect(must('Raqqa').country).toBe('SY')
    expect(must('Sirte').country).toBe('LY')
  })
})

describe('lookups', () => {
  test('countries by name, alias and code-like abbreviations', () => {
    expect(must('Pakistan')).toMatchObject({ country: 'PK', precision: 'country', admin1: null })
    expect(must('United States of America').country).toBe('US')
    expect(must('USA').country).toBe('US')
    expect(must('Yemen').lat).toBeCloseTo(15.9, 0)
    expect(lookupPlace('Atlantis')).toBeNull()
  })

  test('diacritics and apostrophes do not matter', () => {
    expect(must("Ma'rib")).toEqual(must('Marib'))
    expect(must('Khaībar Pakhtūnkhwā').name).toBe('Khyber Pakhtunkhwa')
  })

  test('lookupPlaces lists every reading, best first, and can be narrowed by country', () => {
    const punjab = lookupPlaces('Punjab')
    expect(punjab.map((p) => p.country)).toEqual(expect.arrayContaining(['PK', 'IN']))
    expect(punjab[0]!.country).toBe('PK')
    expect(lookupPlace('Punjab', 'IN')!.country).toBe('IN')
  })

  test('countryName and countryFromDemonym', () => {
    expect(countryName('YE')).toBe('Yemen')
    expect(countryName('pk')).toBe('Pakistan')
    expect(countryName('ZZ')).toBeNull()
    expect(countryFromDemonym('Pakistani')).toBe('PK')
    expect(countryFromDemonym('Yemeni')).toBe('YE')
    expect(countryFromDemonym('American')).toBe('US')
    expect(countryFromDemonym('Americans')).toBe('US')
    expect(countryFromDemonym('Afghan')).toBe('AF')
    expect(countryFromDemonym('Somalis')).toBe('SO')
    expect(countryFromDemonym('British')).toBe('GB')
    expect(countryFromDemonym('Martian')).toBeNull()
  })
})

describe('hierarchy', () => {
  test('FATA agencies sit in FATA, in Khyber Pakhtunkhwa (since 2018) and in Pakistan', () => {
    const names = ancestry(must('North Waziristan')).map((p) => p.name)
    expect(names).toEqual(['Waziristan', 'Federally Administered Tribal Areas', 'Khyber Pakhtunkhwa', 'Pakistan'])
    expect(ancestry(must('Bajaur')).map((p) => p.name)).toEqual(['Federally Administered Tribal Areas', 'Khyber Pakhtunkhwa', 'Pakistan'])
    expect(ancestry(must('Pakistan'))).toEqual([])
  })

  test('a town outside the gazetteer starts its ancestry at its admin1', () => {
    const town = { name: 'Unlisted Village', admin1: 'South Waziristan', country: 'PK', lat: null, lon: null, precision: 'locality' as const }
    expect(ancestry(town).map((p) => p.name)).toEqual(['South Waziristan', 'Waziristan', 'Federally Administered Tribal Areas', 'Khyber Pakhtunkhwa', 'Pakistan'])
  })

  test('placeContains follows every parent, is reflexive, and never inverts', () => {
    const fata = must('FATA')
    const kp = must('Khyber Pakhtunkhwa')
    const nw = must('North Waziristan')
    const town = must('Datta Khel')
    expect(town.precision).toBe('locality')
    expect(placeContains(fata, nw)).toBe(true)
    expect(placeContains(kp, nw)).toBe(true)
    expect(placeContains(kp, fata)).toBe(true)
    expect(placeContains(must('Pakistan'), town)).toBe(true)
    expect(placeContains(nw, town)).toBe(true)
    expect(placeContains(nw, nw)).toBe(true)
    expect(placeContains(nw, fata)).toBe(false)
    expect(placeContains(town, nw)).toBe(false)
    expect(placeContains(must('Balochistan'), nw)).toBe(false)
    expect(placeContains(must('Yemen'), nw)).toBe(false)
    expect(placeContains(must('South Waziristan'), town)).toBe(false)
  })

  test('a dataset place with a tribal district as admin2 sits in FATA (ACLED files them under Khyber Pakhtunkhwa)', () => {
    const acled = { name: 'Dande Darpa Khel', admin1: 'Khyber Pakhtunkhwa', admin2: 'North Waziristan', country: 'PK', lat: 33.0, lon: 70.07, precision: 'locality' as const }
    expect(placeContains(must('FATA'), acled)).toBe(true)
    expect(placeContains(must('Khyber Pakhtunkhwa'), acled)).toBe(true)
    expect(placeContains(must('South Waziristan'), acled)).toBe(false)
    expect(ancestry(acled).map((p) => p.name)[0]).toBe('North Waziristan')
  })

  test('placeContains falls back to country and admin1 for unknown names', () => {
    const a = { name: 'Somewhere', admin1: 'Unknown Hills', country: 'YE', lat: null, lon: null, precision: 'locality' as const }
    const r = { name: 'Unknown Hills', admin1: 'Unknown Hills', country: 'YE', lat: null, lon: null, precision: 'region' as const }
    expect(placeContains(r, a)).toBe(true)
    expect(placeContains(a, r)).toBe(false)
    expect(placeContains(must('Yemen'), a)).toBe(true)
  })
})

describe('findPlaces', () => {
  const find = (t: string) => findPlaces(t).map((m) => [t.slice(m.start, m.end), m.place.name, m.place.country, m.place.precision])

  test('longest names, offsets into the original text, possessives without the "\'s"', () => {
    const t = "A US drone hit North Waziristan's Datta Khel, near Miranshah, Pakistan’s tribal belt."
    expect(find(t)).toEqual([
      ['US', 'United States', 'US', 'country'],
      ['North Waziristan', 'North Waziristan', 'PK', 'region'],
      ['Datta Khel', 'Datta Khel', 'PK', 'locality'],
      ['Miranshah', 'Miranshah', 'PK', 'locality'],
      ['Pakistan', 'Pakistan', 'PK', 'country'],
    ])
  })

  test('case rules: names need a capital, acronyms need capitals, common words need a qualifier', () => {
    expect(find('the strike hit us in pakistan')).toEqual([])
    expect(find('FATA and KP')).toEqual([
      ['FATA', 'Federally Administered Tribal Areas', 'PK', 'region'],
      ['KP', 'Khyber Pakhtunkhwa', 'PK', 'region'],
    ])
    expect(find('Fata was merged')).toEqual([])
    expect(find('across the Bay. In the Bay region of Somalia')).toEqual([
      ['Bay region', 'Bay', 'SO', 'region'],
      ['Somalia', 'Somalia', 'SO', 'country'],
    ])
  })

  test('names split across line breaks and hyphens still match', () => {
    expect(find('in North\nWaziristan and Khyber-Pakhtunkhwa')).toEqual([
      ['North\nWaziristan', 'North Waziristan', 'PK', 'region'],
      ['Khyber-Pakhtunkhwa', 'Khyber Pakhtunkhwa', 'PK', 'region'],
    ])
  })

  test('ambiguous names resolve to a country the text names, or one the caller knows', () => {
    expect(find('Punjab, Pakistan')[0]![2]).toBe('PK')
    expect(find('Punjab, India')[0]![2]).toBe('IN')
    expect(findPlaces('strikes in Punjab', { countries: ['IN'] })[0]!.place.country).toBe('IN')
  })

  test('demonyms are not regions: "Somali" is not Ethiopia\'s Somali Region unless the text says Region', () => {
    expect(find('the men were Somali')).toEqual([])
    expect(find('in the Somali Region')).toEqual([['Somali Region', 'Somali', 'ET', 'region']])
  })

  test('organisations that start with a place name are not places', () => {
    expect(find('according to the New York Times in Washington')).toEqual([['Washington', 'Washington, D.C.', 'US', 'locality']])
  })

  test('every match is a valid domain Place', () => {
    for (const m of findPlaces('Yemen, Somalia, Libya, Syria, Iraq, Afghanistan, Kabul province, Shabwa governorate, Mogadishu')) {
      expect(() => place(m.place)).not.toThrow()
    }
  })
})
