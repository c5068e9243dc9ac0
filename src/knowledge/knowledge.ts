import * as z from 'zod'
import intentsFile from '../../knowledge/intents.json'
import tipsFile from '../../knowledge/tips.json'
import { VALIDATED_KNOWLEDGE } from './validated'
import { contentHash } from '../matcher/corpus'

const intentId = z.string().regex(/^[a-z][a-z0-9-]*$/, 'intent ids are lower-case words joined by "-"')

export const IntentSchema = z.object({
  id: intentId,
  /** Short label used on buttons and in "你是不是想问" (≤ 16 characters reads best). */
  title: z.string().min(2).max(30),
  /** 2-4 sentences a creator can act on. */
  answer: z.string().min(10),
  points: z.array(z.string().min(2)).min(2),
  /** Article section the answer cites, e.g. "二.2 搜索商业化; 四.5". */
  section: z.string().min(1),
  /** Deeper answer for "展开说说 / 详细点". */
  followUp: z.string().min(10),
  related: z.array(intentId),
  /** Domain words that point at this intent (extra weight in matching). */
  keywords: z.array(z.string().min(1)),
  phrasings: z.array(z.string().min(2)).min(15),
})

export const IntentsFileSchema = z.object({
  version: z.string().min(1),
  source: z.object({ title: z.string(), url: z.string().url(), year: z.number().int() }),
  /** canonical term → variants users type instead (直播带货 ← 直播卖货, 带货直播 …). */
  synonyms: z.record(z.string(), z.array(z.string().min(1))),
  /** Questions the bot must NOT answer (weather, passwords, other apps …); a match here means fallback. Optional. */
  outOfScope: z.array(z.string().min(2)).optional(),
  intents: z.array(IntentSchema).min(1),
})

export const TipSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  text: z.string().min(8),
  section: z.string().min(1),
  intent: intentId.nullable(),
  /** First local date (YYYY-MM-DD) the tip may be pushed. Set it (today or later) on every tip added after launch:
   * the daily rotation admits new tips only at cycle boundaries, which needs to know when a tip arrived (src/tips/schedule.ts). */
  since: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
})

export const TipsFileSchema = z.object({ tips: z.array(TipSchema).min(1) })

export type Intent = z.infer<typeof IntentSchema>
export type Tip = z.infer<typeof TipSchema>
export type IntentsFile = z.infer<typeof IntentsFileSchema>

export interface Knowledge extends IntentsFile {
  tips: Tip[]
  byId: Map<string, Intent>
}

/** Parses and cross-checks the knowledge files; throws a readable error naming the bad field. */
export function buildKnowledge(intentsJson: unknown, tipsJson: unknown): Knowledge {
  const intents = IntentsFileSchema.parse(intentsJson)
  const { tips } = TipsFileSchema.parse(tipsJson)
  const byId = new Map(intents.intents.map((i) => [i.id, i]))
  return { ...intents, tips, byId }
}

/**
 * A fingerprint of the knowledge files' content. `npm run artifacts` records the bundled files' fingerprint in
 * validated.ts after they pass the schemas unchanged (nothing stripped or rewritten), so an isolate that finds the same
 * fingerprint skips parsing them again (zod over 190 KB cost a fresh Worker ~30 ms of start-up).
 */
export function knowledgeFingerprint(intentsJson: unknown, tipsJson: unknown): string {
  return contentHash(JSON.stringify([intentsJson, tipsJson]))
}

/** The files as they are, when the build already validated exactly this content (see knowledgeFingerprint). */
function alreadyValidated(intentsJson: unknown, tipsJson: unknown): Knowledge | null {
  if (knowledgeFingerprint(intentsJson, tipsJson) !== VALIDATED_KNOWLEDGE) return null
  const intents = intentsJson as IntentsFile
  return { ...intents, tips: (tipsJson as { tips: Tip[] }).tips, byId: new Map(intents.intents.map((i) => [i.id, i])) }
}

let cached: Knowledge | undefined
/** The bundled knowledge, validated once per isolate (or at build time, see knowledgeFingerprint). */
export function loadKnowledge(): Knowledge {
  cached ??= alreadyValidated(intentsFile, tipsFile) ?? buildKnowledge(intentsFile, tipsFile)
  return cached
}

/** The fingerprint to record in validated.ts: the files must pass the schemas and come out unchanged. */
export function validatedFingerprint(intentsJson: unknown, tipsJson: unknown): string {
  const parsed = buildKnowledge(intentsJson, tipsJson)
  const { byId: _byId, tips, ...intents } = parsed
  // key order aside (zod writes the schema's order), the parsed files must equal the files as they are
  const sorted = (x: unknown) => JSON.stringify(x, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v))
  if (sorted([intents, { tips }]) !== sorted([intentsJson, tipsJson])) {
    throw new Error('the knowledge files pass the schemas only with fields stripped or rewritten; fix them so that they parse unchanged')
  }
  return knowledgeFingerprint(intentsJson, tipsJson)
}
