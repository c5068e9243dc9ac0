/**
 * Guards that keep a rewrite grammatical. A rewrite only changes words inside one clause; these
 * checks look at the seams around each change and at the clause that results. When a check fails,
 * the caller drops the clause or gives advice instead of a broken title.
 */

export interface LocalEdit {
  start: number
  end: number
  text: string
  /** The edit removes a thing (a contact handle, a shop), not a word describing one. */
  object?: boolean
}

const HAN = /\p{Script=Han}/u
const isHan = (ch: string | undefined) => !!ch && HAN.test(ch)
const isLatin = (ch: string | undefined) => !!ch && /[A-Za-z]/.test(ch)
const set = (chars: string) => new Set(Array.from(chars))

/** Words that need what follows them: deleting their object leaves 比便宜, 喝这个茶能. */
const NEEDS_OBJECT = set('比在从到去给把被和跟与对向用找加搜是让叫为像往朝替帮离及或进入拨打')
const WEAK_RIGHT = set('的了着过地得吗呢吧啊呀便很都也就还又才更最太')
/** A clause cannot end on these after an edit: 这款面霜是我用过, 吃它能. */
const DANGLING_END = set('能会可要想让使把被给对向跟和与及或在从是很超更最太的地得有用加找拿领去到请个款为比像就都也还又才而但并且帮将再来靠按由过里之这那其该每各某几做当等如若虽')
const BAD_START = set('的地得了着过之和与及并而但且或吗呢吧啊呀是也都就又还')
const DEGREE = set('很超太更最真好非')
/** Adverbs that need the word a deletion took away: 太黑心了 → 太了, 彻底绝望的 → 彻底的. */
const ADVERB_END = /(?:很|超|太|更|最|真|好|非常|特别|十分|有点|彻底|完全|简直|越来越|如此|这么|那么)$/u
/** What cannot open a clause once its first word went: 蠢猪一样的队友 → 一样的队友. */
const ORPHAN_START = /^(?:一样|一般|似的|般|样|同款)/u
const ASPECT = set('了着过得')
/** 吃了能治好失眠的 → 吃了能失眠的: a modal that lost its verb. */
const MODAL = set('能会要想可该')
const ADVERBS = ['真的', '非常', '有点', '特别', '超级', '真', '很', '太', '好', '都', '也', '就', '还', '又', '超', '更', '最', '了', '的', '啊', '呀', '吧']

/** Content left once punctuation and degree adverbs go: 真的好 has none. */
export function meaningfulLength(text: string): number {
  let rest = text.replace(/[^\p{Script=Han}A-Za-z0-9]/gu, '')
  for (const a of ADVERBS) rest = rest.split(a).join('')
  return Array.from(rest).length
}

/**
 * The clause with the edits applied, or null when the result would not read as Chinese:
 * a doubled character at a seam (很好好用), a preposition or verb that lost its object, a dangling
 * end or start, a cut inside a Latin word, or too little left.
 */
export function editClause(clause: string, edits: readonly LocalEdit[]): string | null {
  const sorted = [...edits].sort((a, b) => a.start - b.start)
  let out = ''
  let from = 0
  const seams: { left: number; right: number; text: string; object: boolean }[] = []
  for (const e of sorted) {
    if (e.start < from) return null
    if (isLatin(clause[e.start - 1]) && isLatin(clause[e.start])) return null
    if (isLatin(clause[e.end - 1]) && isLatin(clause[e.end])) return null
    out += clause.slice(from, e.start)
    const left = out.length
    out += e.text
    seams.push({ left, right: out.length, text: e.text, object: !!e.object })
    from = e.end
  }
  out += clause.slice(from)
  // A clause that was nothing but the flagged words goes as a whole: 气死！ is not rewritten to 气到！
  const covered = sorted.reduce((n, e) => n + (e.object && e.text ? 0 : e.end - e.start), 0)
  if (covered >= clause.trim().length) return ''
  // Cutting half a clause away (黑心老板 → 老板, 这个益生菌提高免疫力 → 这个益生菌) leaves a fragment,
  // unless what went was a contact handle with its call to action (私信我领取完整健身计划).
  const cut = sorted.filter((e) => !e.object && !e.text).reduce((n, e) => n + (e.end - e.start), 0)
  if (cut * 2 >= clause.trim().length) return null
  // A claim dropped from the end takes the predicate with it (戴上这个貔貅招财 → 戴上这个貔貅).
  if (sorted.some((e) => !e.object && !e.text && e.end >= clause.trimEnd().length)) return null
  const shift = (at: number, by: number) => {
    for (const t of seams) {
      if (t.left >= at) t.left = Math.max(0, t.left + by)
      if (t.right >= at) t.right = Math.max(0, t.right + by)
    }
  }
  // 的 meeting 的 at a seam is the replacement's own 的: keep one.
  for (const s of seams) {
    if (out[s.right - 1] === '的' && out[s.right] === '的') {
      out = out.slice(0, s.right) + out.slice(s.right + 1)
      shift(s.right + 1, -1)
    }
  }
  const touchesStart = sorted.some((e) => e.start === 0)
  const touchesEnd = sorted.some((e) => e.end >= clause.length)
  // A modifier dropped at the start leaves its 的 behind: 的儿童台灯 → 儿童台灯.
  const lead = (touchesStart ? /^[\s的之]*/u : /^\s*/u).exec(out)?.[0].length ?? 0
  out = out.slice(lead).trimEnd()
  shift(0, -lead)
  if (!out) return ''
  for (const s of seams) {
    const left = out[s.left - 1]
    const right = out[s.right]
    if (!s.text) {
      // 还不如去拼多多买 → 还不如去买: a place or thing removed after 去/在/比 leaves the verb without its object.
      if (left && NEEDS_OBJECT.has(left) && (s.object || right === undefined || WEAK_RIGHT.has(right))) return null
      // 太黑心了 → 太了, 被房东气死了 → 被房东了: the adjective or verb is gone.
      if (!s.object && ADVERB_END.test(out.slice(0, s.left))) return null
      if (right && ASPECT.has(right)) return null
      if (left && MODAL.has(left) && !s.object) return null
      if (isHan(left) && left === right) return null
    } else {
      const first = s.text[0]
      const last = s.text[s.text.length - 1]
      if (isHan(left) && left === first) return null
      if (isHan(right) && right === last) return null
      if (first && /[很超更]/u.test(first) && left && DEGREE.has(left)) return null
      if (s.text.length === 1 && (right === undefined || right === '的' || right === '了' || !isHan(right))) return null
    }
  }
  const chars = Array.from(out)
  const last = chars[chars.length - 1] ?? ''
  // 是…的 is a whole sentence (这款面霜是我很喜欢的); any other clause ending on 的 lost its noun.
  const shiDe = last === '的' && out.includes('是')
  if (touchesEnd && DANGLING_END.has(last) && !shiDe) return null
  const modifierAtStart = sorted.some((e) => e.start === 0 && !e.object)
  if (touchesStart && (BAD_START.has(chars[0] ?? '') || (modifierAtStart && ORPHAN_START.test(out)))) return null
  // What is left after a handle goes must say something on its own (加v维权 → 维权 does not).
  if (meaningfulLength(out) < (sorted.some((e) => e.object) ? 3 : 2)) return null
  return out
}
