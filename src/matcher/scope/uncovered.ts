// What the knowledge does not cover. The article is about strategy; it never explains the app's buttons,
// settings, fees or limits, nor anything outside running an account. The signals:
// - a 小红书 feature, fee or tool term that appears nowhere in what the bot says (answers, points, follow-ups);
//   (feature-terms.ts);
// - an everyday subject (everyday-terms.ts), unless the clause is about making content;
// - a question shaped like "how do I work the app" or "what is the number" (mechanics.ts).
// Each counts as asked when its clause asks something, otherwise as background.
import type { Clause } from './clauses'
import { EVERYDAY_TERMS } from './everyday-terms'
import { FEATURE_TERMS } from './feature-terms'
import { mechanicsIn } from './mechanics'
import { TermFinder } from './term-finder'

// The bot's own functions (subscribing, the title check, tips) are covered by the help topic.
const BOT_FEATURES = /(?<!付费)订阅|退订|推送|标题检查|检查标题|tip|小贴士|机器人|bot|红书参谋|你|提问|问问题|卡片下|点踩/

// A clause about making content or selling: an everyday subject there is what the note or the shop is about
// ("吵架的内容能火吗", "卖考研资料"), which the article's advice does cover.
const ABOUT_CONTENT = /内容|笔记|选题|题材|能火|会火|爆|流量|博主|账号|涨粉|小红书|红书|薯|资料|卖|写成|种草|获客|客户|(?:做|开)\S{0,6}号/

// A message that is plainly about the account: an everyday subject in a clause that asks nothing is the
// asker's background ("辞职在家半年了，想全押在红书上…"), not a reason to doubt the answer.
const ABOUT_THE_ACCOUNT = /小红书|红书|薯|笔记|博主|账号|内容|选题|题材|涨粉|变现|卖|写|拍|分享|种草|获客/

// Asking the bot to do a job (write, translate, calculate, look up, draw): it only answers questions. A job about
// a note ("帮我写个小红书文案") is a near miss; any other job is everyday.
const TASK = /(?:帮我|给我|替我|帮忙)(?:写|算|翻译|查|画|生成|编|起个?名|取个?名|p图|修图|发个|推荐个)|(?:写|翻译|画)(?:一|个)\S{0,8}给我/

// "怎么加比较好" asks for advice on doing it, not where the button is.
const ADVICE = /(?:比较|更|最|才)好$|合适$|怎么(?:做|弄)?(?:比较|更)?好/

// Where to go and how to sign up for brand cooperation is what the article does say (入口都在合作中心), so a
// where / how-to-operate question about it is answered; its numbers and fees are still not covered.
const COOPERATION = /合作|招募|商单|接广告|推广|接单|品牌|商业种草|课程/

// How-to and how-much questions, as opposed to "is it worth it" ones: "薯条怎么投" asks about the feature,
// "投薯条涨粉值不值" asks for a strategy the article does give.
const HOW = /怎|如何|咋|在哪|哪里|哪儿|多少|几|多久|什么|啥|有没有|能不能|可不可以|可以吗|能吗|需要|要交|会不会被|会被|算不算|要不要|哪些|哪个|哪种|(?:能|可以|要|需要|有|会)\S{0,8}吗|\bhow\b/

/** What a question asks that the knowledge does not cover; each signal names the words that raised it. */
export interface Uncovered {
  /** a 小红书 feature, fee or tool the answers never mention, asked about with how / where / how much */
  productAsked?: string
  /** such a term anywhere else in the question (often background) */
  product?: string
  /** an everyday subject in a clause that asks something */
  everydayAsked?: string
  /** an everyday subject elsewhere (often background: "我老公是做设计的…") */
  everyday?: string
  /** a way of asking how to operate something, or for a number the article does not give */
  asks?: string
}

export interface CoverageCheck {
  (clauses: Clause[]): Uncovered
}

/** Builds the check for one knowledge: lexicon terms that its answers do mention are covered. */
export function coverageCheck(coveredText: string, canonical: (s: string) => string): CoverageCheck {
  const uncoveredTerms = (terms: string[]) => new TermFinder(terms.map(canonical).filter((t) => t && !coveredText.includes(t)))
  const product = uncoveredTerms(Object.values(FEATURE_TERMS).flat())
  const everyday = uncoveredTerms(Object.values(EVERYDAY_TERMS).flat())
  return (clauses) => {
    const out: Uncovered = {}
    // a message that asks nothing in particular ("本地天气") is asking about all of it
    const askingAny = clauses.some((c) => c.asks)
    const aboutTheBot = clauses.some((c) => BOT_FEATURES.test(c.text))
    const cooperation = clauses.some((c) => COOPERATION.test(c.text))
    let aboutTheAccount: boolean | undefined
    for (const c of clauses) {
      const asks = c.asks || !askingAny
      const e = everyday.find(c.text)
      if (e !== undefined) {
        // the subject's own words do not make it content ("流量包" is not about 流量)
        const rest = c.text.replace(e, ' ')
        if (asks && !ABOUT_CONTENT.test(rest)) out.everydayAsked ??= e
        else if (!(aboutTheAccount ??= clauses.some((d) => ABOUT_THE_ACCOUNT.test(d === c ? rest : d.text)))) out.everyday ??= e
      }
      const p = product.find(c.text)
      if (p !== undefined) {
        if (asks && HOW.test(c.text)) out.productAsked ??= p
        else out.product ??= p
      }
      const task = TASK.exec(c.text)?.[0]
      if (task !== undefined && !aboutTheBot) {
        if (ABOUT_CONTENT.test(c.text)) out.asks ??= task
        else out.everydayAsked ??= task
      }
      if (asks && out.asks === undefined && !aboutTheBot) {
        // a malfunction word the answers use is a figure of speech there (复购有bug is the article's own phrase)
        const hit = mechanicsIn(c.text).find((h) => !(h.kind === 'operate' && ADVICE.test(c.text)) && !(cooperation && (h.kind === 'where' || h.kind === 'operate')) && !(h.kind === 'malfunction' && coveredText.includes(h.words)))
        if (hit) out.asks = hit.words
      }
    }
    return out
  }
}
