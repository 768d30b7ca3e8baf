/** @module Where something happened, with an honest precision. */
import { asRecord, member, num, text } from './check.js'
import { InvalidValue } from './errors.js'
import { PLACE_PRECISIONS, type PlacePrecision } from './values.js'

/**
 * A place as reported. `country` is an ISO 3166-1 alpha-2 code; `admin1` the first-level region
 * (province, governorate, or a domain region such as "North Waziristan"); `lat`/`lon` are the point
 * used to draw it, which for `region` or `country` precision is a centroid and must be drawn as an area.
 */
export interface Place {
  readonly name: string | null
  readonly admin1: string | null
  readonly admin2?: string | null
  readonly country: string | null
  readonly lat: number | null
  readonly lon: number | null
  readonly precision: PlacePrecision
  /** The dataset's own precision code, verbatim ("UCDP where_prec 5"), when the place came from a dataset row. */
  readonly precisionCode?: string | null
}

/** Validates a place; throws InvalidValue naming the field. */
export function place(input: unknown, field = 'place'): Place {
  const r = asRecord(input, field)
  const country = text(r.country, `${field}.country`, { nullable: true })
  if (country !== null && !/^[A-Z]{2}$/.test(country)) throw new InvalidValue(`${field}.country`, `must be an ISO 3166-1 alpha-2 code (got ${JSON.stringify(country)})`)
  const lat = num(r.lat, `${field}.lat`, -90, 90)
  const lon = num(r.lon, `${field}.lon`, -180, 180)
  if ((lat === null) !== (lon === null)) throw new InvalidValue(`${field}.lat`, 'lat and lon must both be given or both be null')
  return {
    name: text(r.name, `${field}.name`, { nullable: true, max: 500 }),
    admin1: text(r.admin1, `${field}.admin1`, { nullable: true, max: 200 }),
    admin2: text(r.admin2, `${field}.admin2`, { nullable: true, max: 200 }),
    country,
    lat,
    lon,
    precision: member(PLACE_PRECISIONS, r.precision ?? 'unknown', `${field}.precision`),
    ...(r.precisionCode === undefined ? {} : { precisionCode: text(r.precisionCode, `${field}.precisionCode`, { nullable: true, max: 100 }) }),
  }
}
