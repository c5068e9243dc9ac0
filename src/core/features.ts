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

/**
 * u: Han unigram, b: Han bigram, w: ASCII word, l: lexicon term (the feature's first letter);
 * optional t: Han trigram, s: Han skip-bigram (characters i and i+2 of a Han run).
 */
export type FeatureKind = 'u' | 'b' | 'w' | 'l' | 't' | 's'

export interface FeatureOptions {
  trigrams?: boolean
  skipBigrams?: boolean
}

// One flag table per UTF-16 code unit instead of regexes and string sets: this runs for every
// character of every phrasing at index build.
const HAN = 1
const ALNUM = 2
const PARTICLE = 4
const COMMON = 8
const CLASS = new Uint8Array(0x10000)
const mark = (from: number, to: number, flag: number) => {
  for (let c = from; c <= to; c++) CLASS[c]! |= flag
}
mark(0x4e00, 0x9fff, HAN)
mark(0x3400, 0x4dbf, HAN)
mark(0xf900, 0xfaff, HAN)
mark(97, 122, ALNUM)
mark(48, 57, ALNUM)
for (let k = 0; k < PARTICLES.length; k++) CLASS[PARTICLES.charCodeAt(k)]! |= PARTICLE
for (let k = 0; k < COMMON_CHARS.length; k++) CLASS[COMMON_CHARS.charCodeAt(k)]! |= COMMON

const isAlnumAt = (s: string, i: number) => i >= 0 && i < s.length && ((CLASS[s.charCodeAt(i)] as number) & ALNUM) !== 0

export interface Lexicon {
  /** terms grouped by the char code of their first character, longest first */
  byFirst: Map<number, string[]>
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
  return { byFirst }
}

/**
 * Features of canonical text: `u:` Han unigrams, `b:` Han bigrams, `w:` ASCII words,
 * `l:` lexicon terms. Values are term frequencies, keys in first-seen order.
 */
export function extractFeatures(text: string, lexicon: Lexicon, opts: FeatureOptions = {}): Map<string, number> {
  const out = new Map<string, number>()
  forEachFeature(text, lexicon, (key) => out.set(key, (out.get(key) ?? 0) + 1), opts)
  return out
}

/** Calls `emit` for every feature occurrence of canonical text, in text order (see extractFeatures). */
export function forEachFeature(text: string, lexicon: Lexicon, emit: (feature: string) => void, opts: FeatureOptions = {}): void {
  const trigrams = opts.trigrams === true
  const skipBigrams = opts.skipBigrams === true
  let wordStart = -1
  let prevHan = false
  let prevParticle = false
  // the two Han characters before this one, when they are Han (for trigrams and skip-bigrams)
  let prev2Han = false
  let prev2Particle = false
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 32
    const cls = CLASS[code] as number
    if (cls & ALNUM) {
      if (wordStart < 0) wordStart = i
    } else if (wordStart >= 0) {
      emit('w:' + text.slice(wordStart, i))
      wordStart = -1
    }
    if (cls & HAN) {
      const particle = (cls & PARTICLE) !== 0
      if (!(cls & (PARTICLE | COMMON))) emit('u:' + text[i])
      if (prevHan && !particle && !prevParticle) emit('b:' + text.slice(i - 1, i + 1))
      if (prevHan && prev2Han && !particle && !prev2Particle) {
        if (trigrams && !prevParticle) emit('t:' + text.slice(i - 2, i + 1))
        if (skipBigrams) emit('s:' + text[i - 2] + text[i])
      }
      prev2Han = prevHan
      prev2Particle = prevParticle
      prevHan = true
      prevParticle = particle
    } else {
      prev2Han = false
      prevHan = false
    }
    const terms = lexicon.byFirst.get(code)
    if (terms) {
      for (const term of terms) {
        if (!text.startsWith(term, i)) continue
        if (isAlnumAt(term, 0) && isAlnumAt(text, i - 1)) continue
        if (isAlnumAt(term, term.length - 1) && isAlnumAt(text, i + term.length)) continue
        emit('l:' + term)
      }
    }
  }
}
