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
const PARTICLES = new Set('的了吗呢啊吧呀嘛哦呗啦哈么那这嗯噢'.split(''))
// Characters too common to mean anything on their own (they still count inside bigrams).
const COMMON_CHARS = new Set('我你他她它们是在有个一也就都很和与及或把被给让怎什啥要能会可以到'.split(''))

/** u: Han unigram, b: Han bigram, w: ASCII word, l: lexicon term (the feature's first letter). */
export type FeatureKind = 'u' | 'b' | 'w' | 'l'

// Char-code tests instead of regexes: this runs for every character of every phrasing at index build.
const isHan = (c: number) => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff)
const isAsciiAlnum = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57)
const ASCII_ALNUM = { test: (s: string) => s.length > 0 && isAsciiAlnum(s.charCodeAt(0)) }

export interface Lexicon {
  /** terms grouped by first character, longest first */
  byFirst: Map<string, string[]>
}

export function buildLexicon(terms: Iterable<string>): Lexicon {
  const byFirst = new Map<string, string[]>()
  for (const term of new Set(terms)) {
    if (term.length < 2) continue
    const list = byFirst.get(term[0] as string) ?? []
    list.push(term)
    byFirst.set(term[0] as string, list)
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.length - a.length)
  return { byFirst }
}

const add = (out: Map<string, number>, key: string) => out.set(key, (out.get(key) ?? 0) + 1)

/**
 * Features of canonical text: `u:` Han unigrams, `b:` Han bigrams, `w:` ASCII words,
 * `l:` lexicon terms. Values are term frequencies.
 */
export function extractFeatures(text: string, lexicon: Lexicon): Map<string, number> {
  const out = new Map<string, number>()
  let word = ''
  let prevHan = ''
  for (let i = 0; i <= text.length; i++) {
    const ch = text[i] ?? ' '
    const code = ch.charCodeAt(0)
    if (isAsciiAlnum(code)) {
      word += ch
    } else if (word) {
      add(out, `w:${word}`)
      word = ''
    }
    if (isHan(code)) {
      if (!PARTICLES.has(ch) && !COMMON_CHARS.has(ch)) add(out, `u:${ch}`)
      if (prevHan && !PARTICLES.has(ch) && !PARTICLES.has(prevHan)) add(out, `b:${prevHan}${ch}`)
      prevHan = ch
    } else {
      prevHan = ''
    }
    const terms = lexicon.byFirst.get(ch)
    if (terms) {
      for (const term of terms) {
        if (!text.startsWith(term, i)) continue
        if (ASCII_ALNUM.test(term[0] as string) && ASCII_ALNUM.test(text[i - 1] ?? ' ')) continue
        if (ASCII_ALNUM.test(term[term.length - 1] as string) && ASCII_ALNUM.test(text[i + term.length] ?? ' ')) continue
        add(out, `l:${term}`)
      }
    }
  }
  return out
}
