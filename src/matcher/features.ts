// Turns canonical text (see normalize.ts) into weighted sparse features for the matcher.

/** Domain words that carry meaning as a whole; matched as substrings on top of the character n-grams. */
export const DOMAIN_LEXICON = [
  '抖音', '视频号', 'b站', '淘宝', '微信', '公众号',
  '直播带货', '直播', '带货', '买手', '选品', '佣金', 'gmv',
  '关键词', '搜索', '标题', '封面', '话题', '薯条', '蒲公英',
  '探店', '本地生活', '同城', '实体店',
  '种草', '商业种草', '商单', '接广告', '合作中心',
  '私域', '复购', '引流', '变现', '涨粉', '粉丝',
  '限流', '封号', '删文', '违规',
  '新号', '新人', '素人', '图文', '爆款', '流量', '月活',
  '去中心化', '账号权重', '铁粉', '大号', '头部',
  '个人品牌', '品牌', '虚拟商品', '资料', '壁纸',
  '行业', '业态', '风格', '调性', '负能量',
] as const

// Particles that make n-grams noisy: a bigram touching one of them says nothing about the topic.
const PARTICLES = '的了吗呢啊吧呀嘛哦呗啦哈么那这嗯噢'
// Characters too common to mean anything on their own (they still count inside bigrams).
const COMMON_CHARS = '我你他她它们是在有个一也就都很和与及或把被给让怎什啥要能会可以到'

// One flag table per UTF-16 code unit instead of regexes and string sets: this runs for every
// character of every phrasing at index build.
const HAN = 1
const ALNUM = 2
const PARTICLE = 4
const COMMON = 8
const CLASS = new Uint8Array(0x10000)
// the ranges do not overlap, so fill (native) instead of a loop a fresh isolate would interpret 28,000 times
CLASS.fill(HAN, 0x4e00, 0x9fff + 1)
CLASS.fill(HAN, 0x3400, 0x4dbf + 1)
CLASS.fill(HAN, 0xf900, 0xfaff + 1)
CLASS.fill(ALNUM, 97, 122 + 1)
CLASS.fill(ALNUM, 48, 57 + 1)
for (let k = 0; k < PARTICLES.length; k++) CLASS[PARTICLES.charCodeAt(k)]! |= PARTICLE
for (let k = 0; k < COMMON_CHARS.length; k++) CLASS[COMMON_CHARS.charCodeAt(k)]! |= COMMON

const isAlnumAt = (s: string, i: number) => i >= 0 && i < s.length && ((CLASS[s.charCodeAt(i)] as number) & ALNUM) !== 0

export interface Lexicon {
  /** per char code, 1 + the index into `groups` of the terms starting with it (0: none) */
  firstGroup: Uint16Array
  /** terms grouped by their first character, longest first */
  groups: { terms: string[]; ids: Int32Array }[]
  /** all terms; a term's feature key holds its index here */
  terms: string[]
}

export function buildLexicon(terms: Iterable<string>): Lexicon {
  const byFirst = new Map<number, string[]>()
  for (const term of new Set(terms)) {
    if (term.length < 2) continue
    const list = byFirst.get(term.charCodeAt(0)) ?? []
    list.push(term)
    byFirst.set(term.charCodeAt(0), list)
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.length - a.length)
  const firstGroup = new Uint16Array(0x10000)
  const groups: Lexicon['groups'] = []
  const all: string[] = []
  for (const [code, list] of byFirst) {
    const ids = new Int32Array(list.length)
    list.forEach((term, k) => {
      ids[k] = all.length
      all.push(term)
    })
    groups.push({ terms: list, ids })
    firstGroup[code] = groups.length
  }
  return { firstGroup, groups, terms: all }
}

// A feature is one number, kind · 2^48 + payload, so the index build and each question intern features
// in a numeric hash table instead of building strings. Kinds: 0 Han unigram (payload: char code),
// 1 Han bigram (code · 2^16 + code), 2 ASCII word (word index), 3 lexicon term (index in Lexicon.terms).
export const KIND_BASE = 2 ** 48
const U = 0
const B = 1
const W = 2
const L = 3
/** Words first seen in the text being read, not (yet) in the vocabulary, are numbered from here. */
const NEW_WORD = 2 ** 40

/** ASCII words → indices; `extra` holds the new words of one read (see collectFeatureKeys). */
export class WordIds {
  readonly known = new Map<string, number>()
  readonly extra = new Map<string, number>()
  readonly names: string[] = []
}

/** A growable list of feature keys, reused from one text to the next. */
export class FeatureKeys {
  keys = new Float64Array(256)
  length = 0
  push(key: number): void {
    if (this.length === this.keys.length) {
      const grown = new Float64Array(this.keys.length * 2)
      grown.set(this.keys)
      this.keys = grown
    }
    this.keys[this.length++] = key
  }
}

/**
 * Appends the key of every feature occurrence of canonical text to `out`, in text order. ASCII words
 * missing from `words.known` join it when `learn`, otherwise they are numbered in `words.extra`, which
 * this clears first.
 */
export function collectFeatureKeys(text: string, lexicon: Lexicon, words: WordIds, learn: boolean, out: FeatureKeys): void {
  if (words.extra.size > 0) words.extra.clear()
  const firstGroup = lexicon.firstGroup
  let wordStart = -1
  let prevHan = false
  let prevParticle = false
  let prevCode = 0
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 32
    const cls = CLASS[code] as number
    if (cls & ALNUM) {
      if (wordStart < 0) wordStart = i
    } else if (wordStart >= 0) {
      out.push(W * KIND_BASE + wordIndex(text.slice(wordStart, i), words, learn))
      wordStart = -1
    }
    if (cls & HAN) {
      const particle = (cls & PARTICLE) !== 0
      if (!(cls & (PARTICLE | COMMON))) out.push(U * KIND_BASE + code)
      if (prevHan && !particle && !prevParticle) out.push(B * KIND_BASE + prevCode * 0x10000 + code)
      prevHan = true
      prevParticle = particle
    } else {
      prevHan = false
    }
    prevCode = code
    const group = firstGroup[code] as number
    if (group > 0) {
      const { terms, ids } = lexicon.groups[group - 1]!
      for (let t = 0; t < terms.length; t++) {
        const term = terms[t] as string
        if (!text.startsWith(term, i)) continue
        if (isAlnumAt(term, 0) && isAlnumAt(text, i - 1)) continue
        if (isAlnumAt(term, term.length - 1) && isAlnumAt(text, i + term.length)) continue
        out.push(L * KIND_BASE + (ids[t] as number))
      }
    }
  }
}

function wordIndex(word: string, words: WordIds, learn: boolean): number {
  const known = words.known.get(word)
  if (known !== undefined) return known
  if (learn) {
    words.known.set(word, words.names.length)
    words.names.push(word)
    return words.names.length - 1
  }
  let extra = words.extra.get(word)
  if (extra === undefined) {
    extra = NEW_WORD + words.extra.size
    words.extra.set(word, extra)
  }
  return extra
}
