import type { TitleContext } from '../context'
import { isFlagged } from '../flagged'
import { originalEnd, originalStart, type Span } from '../normalized'
import { findAdLaw, replacementFor } from '../rules/ad-law'
import { findDiversion } from '../rules/diversion'
import { findNegative } from '../rules/negative-tone'

/** One change to the original title: replace [start, end) with text ("" deletes). */
export interface Edit {
  start: number
  end: number
  text: string
  /** Removes a thing (a handle, a shop name) rather than a word that describes one. */
  object?: boolean
  /** A shop name may go with its verb (拼多多买的 → ∅) or alone (闲鱼淘到的 → 淘到的): the alone form. */
  narrow?: { start: number; end: number; text: string; object?: boolean }
}

// Call-to-action words around a contact handle: "有需要的宝子 加 vx 领取", "详情看我主页公众号", "扣扣上找我拿".
const CTA_BEFORE = new RegExp(
  '(?:(?:有需要|需要|有意|感兴趣|想学|想了解|想看)的?(?:者|宝子们?|姐妹们?|朋友们?|小伙伴们?|家人们?|同学们?|宝宝们?)?)?' +
    '(?:请|可以|可|欢迎|直接|记得|快|速|来|去|到|在|放在|上|点击|点|移步|详见|详情见|详情看|详情|更多|看|戳|滴滴|找|私|加|添加|\\+|➕|联系|关注|搜索|搜|扫描|扫|进入|加入|进|入|拨打|拨|致电|电话|打|咨询|后台|留言|评论区|我的|我们的|我|主页|头像|同名)*[\\s:：]*$',
  'u',
)
const CTA_AFTER =
  /^(?:\s*[:：]?\s*[a-z0-9_\-]{3,})?\s*(?:[上里中])?(?:找我|联系我|私我|加我|滴滴我)?(?:免费领|免费拿|免费送|领取|领|获取|拿货|拿|发你|送|咨询|联系|沟通|详聊|了解|下单|购买|订购|报名|预约|见|私聊|聊|看更多|看|有|同名|同号|交流|即可|回复|备注|了|哦|呀)*/iu
// "想要同款连衣裙的宝子们 私我": keep what they want (同款连衣裙), drop who and how.
const AUDIENCE = /(?:有需要|需要|想要|想学|想看|想了解)(.{1,10}?)的(?:宝子们?|姐妹们?|朋友们?|小伙伴们?|家人们?|同学们?|宝宝们?|人)?(?:[，,\s]*)$/u
const SHOP_AFTER = /^(?:[上里])?(?:买的|买|淘到的|入的|下单的|购入的|搜同款|有售|店铺搜索|店铺|搜索)?/u
// "抖音同款": the 同款 belongs to the platform and goes with it.
const PLATFORM_AFTER = /^(?:上|里)?(?:同款的|同款)?/u
// Left alone these still point at the shop (搜同款, 有售, 买的…): the shop name cannot go by itself.
const NEEDS_SHOP = /^(?:[上里]|搜|买|有售|店铺|去|下单)/u

/** Every flagged ad-law, negative-tone and diversion match as an edit on the original title. */
export function editsFor(ctx: TitleContext): Edit[] {
  const n = ctx.norm
  const title = ctx.title
  const at = (span: Span) => ({ start: originalStart(n, span), end: originalEnd(n, span) })
  const edits: Edit[] = []
  const replaceOrDrop = (span: Span, text: string) => {
    const { start, end } = at(span)
    // "央视推荐的儿童台灯": a dropped modifier takes its 的 along.
    const tail = text === '' && title[end] === '的' ? 1 : 0
    edits.push({ start, end: end + tail, text })
  }
  for (const hit of findAdLaw(ctx)) if (isFlagged(hit.entry)) replaceOrDrop(hit, replacementFor(ctx, hit))
  for (const hit of findNegative(ctx)) if (isFlagged(hit.entry)) replaceOrDrop(hit, hit.entry.replacement)
  for (const hit of findDiversion(ctx)) {
    if (!isFlagged(hit.entry)) continue
    const { start, end } = at(hit)
    const narrow = { start, end, text: '', object: true }
    if (hit.entry.kind === 'platform') {
      const tail = PLATFORM_AFTER.exec(title.slice(end))?.[0].length ?? 0
      edits.push({ ...narrow, end: end + tail })
      continue
    }
    const after = (hit.entry.kind === 'shop' ? SHOP_AFTER : CTA_AFTER).exec(title.slice(end))?.[0].length ?? 0
    if (hit.entry.kind === 'shop') {
      const alone = NEEDS_SHOP.test(title.slice(end)) ? undefined : narrow
      edits.push({ start, end: end + after, text: '', object: true, ...(alone ? { narrow: alone } : {}) })
      continue
    }
    const before = title.slice(0, start)
    const audience = AUDIENCE.exec(before.replace(CTA_BEFORE, ''))
    const cta = CTA_BEFORE.exec(before)?.[0].length ?? 0
    if (audience) {
      const from = audience.index
      edits.push({ start: from, end: end + after, text: audience[1] ?? '', object: true })
    } else edits.push({ start: start - cta, end: end + after, text: '', object: true })
  }
  return mergeEdits(edits)
}

/** Overlapping edits would garble the text: merge them into one deletion, or keep the wider one. */
function mergeEdits(edits: Edit[]): Edit[] {
  const out: Edit[] = []
  for (const e of [...edits].sort((a, b) => a.start - b.start || b.end - a.end)) {
    const last = out[out.length - 1]
    if (last && e.start < last.end) {
      if (e.end > last.end) {
        last.end = e.end
        last.text = ''
        delete last.narrow
      }
    } else out.push({ ...e })
  }
  return out
}

export function applyEdits(text: string, edits: readonly { start: number; end: number; text: string }[], offset = 0): string {
  let out = text
  for (const e of [...edits].sort((a, b) => b.start - a.start)) {
    out = out.slice(0, e.start - offset) + e.text + out.slice(e.end - offset)
  }
  return out
}
