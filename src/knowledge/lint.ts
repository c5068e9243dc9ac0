// Checks an operator would otherwise learn about from confused users. Pure: used by `cli knowledge check` and tests.
import { buildKnowledge, IntentsFileSchema, TipsFileSchema, type Knowledge } from './knowledge'
import { createMatcher, type Matcher } from '../matcher/matcher'
import { normalizeText } from '../matcher/normalize'

export interface LintIssue {
  severity: 'error' | 'warning'
  rule: string
  /** where: "intents[3].phrasings[2]", "tips[5].intent" … */
  at: string
  message: string
}

/** The topics the bot is specified to cover; each is required, so an edit cannot drop one silently. */
export const REQUIRED_INTENTS = [
  'worth-doing', 'new-account', 'follower-vs-money', 'live-commerce', 'personal-brand', 'keyword-layout',
  'local-life', 'content-style', 'brand-cooperation', 'traffic-outlook', 'decentralization', 'new-industries',
  'virtual-goods', 'repurchase-private', 'account-safety', 'platform-compare', 'platform-basics', 'help',
] as const

export interface LintOptions {
  /** Leave-one-out check of every phrasing (rebuilds the index per phrasing; ~3 min). Default false. */
  leaveOneOut?: boolean
  /** How the matcher is built for the knowledge (default: createMatcher, which trains without the training corpus
   *  when the artifact does not fit; the Node CLI passes one that trains with it, as the next build will). The
   *  leave-one-out check always trains on the knowledge alone: it asks whether the rest of an intent supports a
   *  phrasing, which the corpus would blur. */
  matcherFor?: (knowledge: Knowledge) => Matcher
}

export function lintKnowledge(intentsJson: unknown, tipsJson: unknown, opts: LintOptions = {}): LintIssue[] {
  const issues: LintIssue[] = []
  const error = (rule: string, at: string, message: string) => issues.push({ severity: 'error', rule, at, message })
  const warn = (rule: string, at: string, message: string) => issues.push({ severity: 'warning', rule, at, message })

  const parsedIntents = IntentsFileSchema.safeParse(intentsJson)
  const parsedTips = TipsFileSchema.safeParse(tipsJson)
  for (const [parsed, file] of [[parsedIntents, 'intents'], [parsedTips, 'tips']] as const) {
    if (parsed.success) continue
    for (const e of parsed.error.issues) error('schema', `${file}:${e.path.join('.') || '(root)'}`, e.message)
  }
  if (!parsedIntents.success || !parsedTips.success) return issues
  const knowledge = buildKnowledge(parsedIntents.data, parsedTips.data)
  const { intents } = knowledge

  const seenIds = new Set<string>()
  intents.forEach((intent, i) => {
    if (seenIds.has(intent.id)) error('duplicate-intent', `intents[${i}].id`, `intent id "${intent.id}" is defined twice`)
    seenIds.add(intent.id)
  })
  for (const id of REQUIRED_INTENTS) {
    if (!seenIds.has(id)) error('missing-intent', 'intents', `the catalog requires intent "${id}"`)
  }

  intents.forEach((intent, i) => {
    intent.related.forEach((r, j) => {
      if (!seenIds.has(r)) error('dangling-related', `intents[${i}].related[${j}]`, `"${intent.id}" relates to unknown intent "${r}"`)
      else if (r === intent.id) warn('self-related', `intents[${i}].related[${j}]`, `"${intent.id}" lists itself as related`)
    })
  })

  const phrasingOwner = new Map<string, string>()
  intents.forEach((intent, i) => {
    intent.phrasings.forEach((p, j) => {
      const key = normalizeText(p)
      const owner = phrasingOwner.get(key)
      if (owner !== undefined) {
        error('duplicate-phrasing', `intents[${i}].phrasings[${j}]`, `"${p}" already appears in "${owner}"`)
      } else phrasingOwner.set(key, intent.id)
    })
  })

  knowledge.tips.forEach((tip, i) => {
    if (tip.intent !== null && !seenIds.has(tip.intent)) error('tip-unknown-intent', `tips[${i}].intent`, `tip "${tip.id}" points at unknown intent "${tip.intent}"`)
  })

  const variantOwner = new Map<string, string>()
  for (const [canonical, variants] of Object.entries(knowledge.synonyms)) {
    for (const v of variants) {
      const key = normalizeText(v)
      if (key === normalizeText(canonical)) warn('synonym-self', `synonyms.${canonical}`, `"${v}" is the canonical term itself`)
      const other = variantOwner.get(key)
      if (other !== undefined && other !== canonical) error('synonym-conflict', `synonyms.${canonical}`, `"${v}" is also a variant of "${other}"`)
      variantOwner.set(key, canonical)
    }
  }

  lintMatching(knowledge, opts, error, warn)
  return issues
}

type Report = (rule: string, at: string, message: string) => void

function lintMatching(knowledge: Knowledge, opts: LintOptions, error: Report, warn: Report) {
  const matcherFor = opts.matcherFor ?? createMatcher
  const full = matcherFor(knowledge)
  knowledge.intents.forEach((intent, i) => {
    intent.phrasings.forEach((p, j) => {
      // With itself in the index, a phrasing that still lands elsewhere is misfiled or contradicts another intent.
      const withItself = full.match(p)
      if (withItself.intent && withItself.intent !== intent.id) {
        error('phrasing-conflict', `intents[${i}].phrasings[${j}]`, `"${p}" is answered as "${withItself.intent}" even though it is listed under "${intent.id}": move it or reword it`)
        return
      }
      // Judged without the phrasing itself: it should be reachable through the rest of its intent.
      const r = full.match(p, { ignoreIdentical: true })
      const top = r.candidates[0]
      if (!top || top.intent === intent.id) return
      const own = r.candidates.some((c) => c.intent === intent.id)
      warn(
        'phrasing-weak',
        `intents[${i}].phrasings[${j}]`,
        `"${p}" matches "${top.intent}" better than its own intent "${intent.id}" when judged without itself${own ? '' : ' (its own is not in the top 3)'}; add similar phrasings or keywords to "${intent.id}"`,
      )
    })
  })
  ;(knowledge.outOfScope ?? []).forEach((p, j) => {
    const r = full.match(p)
    if (r.intent) warn('out-of-scope-answered', `outOfScope[${j}]`, `"${p}" would be answered as "${r.intent}"`)
  })
  if (!opts.leaveOneOut) return
  knowledge.intents.forEach((intent, i) => {
    intent.phrasings.forEach((p, j) => {
      const without = withoutPhrasing(knowledge, i, j)
      const r = createMatcher(without).match(p)
      const top = r.candidates[0]?.intent
      if (top !== intent.id) {
        warn('phrasing-unsupported', `intents[${i}].phrasings[${j}]`,
          `without itself, "${p}" would look like "${top ?? 'nothing'}"; add similar phrasings or keywords to "${intent.id}"`)
      }
    })
  })
}

function withoutPhrasing(knowledge: Knowledge, i: number, j: number): Knowledge {
  const intents = knowledge.intents.map((intent, k) => (k === i ? { ...intent, phrasings: intent.phrasings.filter((_, m) => m !== j) } : intent))
  return { ...knowledge, intents, byId: new Map(intents.map((x) => [x.id, x])) }
}
