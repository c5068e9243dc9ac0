import * as z from 'zod'
import intentsFile from '../../knowledge/intents.json'
import tipsFile from '../../knowledge/tips.json'

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

let cached: Knowledge | undefined
/** The bundled knowledge, validated once per isolate. */
export function loadKnowledge(): Knowledge {
  cached ??= buildKnowledge(intentsFile, tipsFile)
  return cached
}
