/** @module Request and response schemas of named victims (GET /api/incidents/:id lists them; routes/victims.ts edits them). */
import { z } from 'zod'
import { SEXES, VICTIM_FATES, VICTIM_REVIEWS, VICTIM_STATUSES } from '../domain/victim.js'

/** One report naming a victim: its source and claim, the name as written there, where it stands, and the claim's quote. */
export const VictimSource = z.object({
  sourceId: z.string(),
  claimId: z.string(),
  name: z.string(),
  span: z.object({ start: z.number().int(), end: z.number().int() }),
  quote: z.string(),
})

/** A named victim of an incident, with every report that names them. */
export const Victim = z.object({
  id: z.string(),
  incidentId: z.string(),
  name: z.string(),
  /** The name as compared across reports (transliterations folded). */
  nameKey: z.string(),
  age: z.number().int().nullable(),
  sex: z.enum(SEXES).nullable(),
  relation: z.string().nullable(),
  fate: z.enum(VICTIM_FATES),
  /** `found`: named by extraction and listed for review; `accepted` or `rejected` by an editor. */
  review: z.enum(VICTIM_REVIEWS),
  status: z.enum(VICTIM_STATUSES),
  mergedInto: z.string().nullable(),
  sources: z.array(VictimSource),
  createdAt: z.string(),
  updatedAt: z.string(),
})

const reason = z.string().trim().min(1).max(2000)
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional()

/** The fields an editor types for a victim. */
const victimFields = {
  name: z.string().trim().min(1).max(300),
  age: z.number().int().min(0).max(130).nullable().optional(),
  sex: z.enum(SEXES).nullable().optional(),
  relation: optionalText(300),
  fate: z.enum(VICTIM_FATES).optional(),
}

/** POST /api/incidents/:id/victims: a victim an editor adds (accepted), optionally citing a claim of the incident. */
export const VictimAddBody = z.strictObject({
  victim: z.strictObject(victimFields),
  claimId: z.string().min(1).max(200).nullable().optional(),
  reason,
})

/** PATCH /api/victims/:id: the fields to correct, at least one. */
export const VictimPatchBody = z.strictObject({
  patch: z
    .strictObject({ ...victimFields, name: victimFields.name.optional() })
    .refine((p) => Object.keys(p).length > 0, 'give at least one field to change'),
  reason,
})

/** POST /api/victims/:id/review: accept or reject a victim (or list it for review again). */
export const VictimReviewBody = z.strictObject({ review: z.enum(VICTIM_REVIEWS), reason })

/** POST /api/victims/:id/remove: take a victim off its incident's list (kept, marked removed). */
export const VictimRemoveBody = z.strictObject({ reason })
