// A question split into clauses (at punctuation, and at spaces between Chinese words), each canonical.
import { normalizeText, type SynonymRewriter } from '../normalize'

export interface Clause {
  /** canonical text of the clause */
  text: string
  /** it asks something (a question word, a final particle or a question mark) */
  asks: boolean
}

const BREAK = /[，。？！?!,;；：:\n…~～、]+/u
const QUESTION_MARK = /[?？]\s*$/u
// Question words and final particles of a canonical clause.
const ASKS = /怎|如何|咋|什么|啥|哪|(?<![好十百千万没这那前后了])几(?![十百千万乎])|多少|多久|多长|多大|能不能|可不可以|可以吗|要不要|是不是|有没有|会不会|值不值|行不行|好不好|对不对|算不算|用不用|吗|呢|么$|嘛$|没$|否$|\bhow\b|\bwhat\b|\bwhich\b|\bwhy\b|\bcan\b|\bshould\b/u

// "我不是问怎么开店", "报价我之后再问": a clause that says what is NOT being asked.
const NOT_ASKING = /不是问|不是想问|之后再问|回头再问|先不问|不问|不用讲|不用说/

// A clause that is only a question tail ("…审核都不通过，是啥原因", "…会怎样", "周末发和工作日发 曝光差别大吗") asks about the
// clause before it.
const TAIL = /^(?:这|那)?(?:是|算)?(?:啥|什么|怎么|咋)(?:原因|回事|情况|意思)|^\S{0,4}?(?:差别|区别|差异|差距)(?:大|很大|大不大)?(?:吗|不)?$|^(?:会|又|该)?(?:怎么|咋)(?:样|办)|^(?:正常|靠谱|可以|行|对|能行|有用)(?:吗|不)|^为(?:什么|啥)|^是不是|^是吗|^对吗/
const TAIL_END = /^(?:啊|呀|呢|吗|哦|嘛|了)*$/

// Anything that can split a message into clauses; most questions have none and are one clause.
const SPLITS = /[，。？！?!,;；：:\n…~～、@＠]/u

/** `canonical`: the whole text already normalised and rewritten, when the caller has it. */
export function splitClauses(raw: string, rewrite: SynonymRewriter, canonical?: string): Clause[] {
  if (canonical !== undefined && !SPLITS.test(raw) && !canonical.includes(' ')) {
    return canonical ? [{ text: canonical, asks: ASKS.test(canonical) && !NOT_ASKING.test(canonical) }] : []
  }
  const out: Clause[] = []
  // "怎么@别人": the normaliser drops @mentions, but here the @ is what is asked about
  const text = raw.includes('@') || raw.includes('＠') ? raw.replace(/(怎么|如何|咋|能|可以|要|去)\s*[@＠](?!你|红书参谋|机器人|bot)/gu, '$1艾特') : raw
  for (const piece of piecesOf(text)) {
    const asked = QUESTION_MARK.test(piece)
    const canonical = rewrite(normalizeText(piece.replace(BREAK, ' ')))
    // a space between two non-ASCII characters is where someone left out a comma
    for (const part of partsOf(canonical)) {
      const text = part.trim()
      const tail = TAIL.exec(text)
      const previous = out[out.length - 1]
      if (tail && previous && TAIL_END.test(text.slice(tail[0].length))) {
        previous.text += text
        previous.asks = true
      } else if (text) out.push({ text, asks: ASKS.test(text) && !NOT_ASKING.test(text) })
    }
    if (asked && out.length) out[out.length - 1]!.asks = true
  }
  return out
}

// The text cut after each clause break (what split(/(?<=[，。？…])/) gives, without a regex per message).
const BREAKS = new Set('，。？！?!,;；：:\n…~～、')
function piecesOf(text: string): string[] {
  const pieces: string[] = []
  let from = 0
  for (let i = 0; i < text.length; i++) {
    if (!BREAKS.has(text[i] as string)) continue
    pieces.push(text.slice(from, i + 1))
    from = i + 1
  }
  if (from < text.length) pieces.push(text.slice(from))
  return pieces
}

/** Canonical text cut at each space with a non-ASCII character on both sides. */
function partsOf(canonical: string): string[] {
  const parts: string[] = []
  let from = 0
  for (let i = 1; i < canonical.length - 1; i++) {
    if (canonical.charCodeAt(i) !== 32 || canonical.charCodeAt(i - 1) <= 0x7f || canonical.charCodeAt(i + 1) <= 0x7f) continue
    parts.push(canonical.slice(from, i))
    from = i + 1
  }
  parts.push(canonical.slice(from))
  return parts
}
