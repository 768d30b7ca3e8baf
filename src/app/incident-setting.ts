/** @module Where and when a stored incident happened, as its claims set it: the use case the CLI and the API share. */
import type { Claim } from '../domain/claim.js'
import { incidentSetting, type IncidentSetting } from '../reconciliation/index.js'

/** The incident's place and date as its claims set them (the most precise without conflict), each with its claim. */
export function settingOfIncident(claims: readonly Pick<Claim, 'id' | 'period' | 'place' | 'status'>[]): IncidentSetting {
  return incidentSetting(claims)
}
