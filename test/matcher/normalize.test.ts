import { describe, expect, it } from 'vitest'
import { normalizeText, synonymRewriter } from '../../src/matcher/normalize'

describe('normalizeText', () => {
  it('folds full-width letters, digits and punctuation and lower-cases', () => {
    expect(normalizeText('ＸＨＳ　２０２４？！')).toBe('xhs 2024')
  })

  it('removes the bot mention even when no space follows, and Feishu @_user placeholders', () => {
    expect(normalizeText('@红书参谋新号能做吗')).toBe('新号能做吗')
    expect(normalizeText('@_user_1 直播还能做吗')).toBe('直播还能做吗')
    expect(normalizeText('＠红书参谋 帮助')).toBe('帮助')
  })

  it('removes other @names that end at a space', () => {
    expect(normalizeText('@小王 @_user_12 关键词写哪')).toBe('关键词写哪')
  })

  it('drops emoji, sticker codes and punctuation, and collapses whitespace', () => {
    expect(normalizeText('小红书还能做吗？？😭😭[哭惹R]  👍🏻')).toBe('小红书还能做吗')
    expect(normalizeText('“探店”——还  能 做吗…')).toBe('探店 还 能 做吗')
  })

  it('treats plain Han, ASCII and common punctuation text like the full rules', () => {
    expect(normalizeText('  XHS，小红书？新号…能做吗 ')).toBe('xhs 小红书 新号 能做吗')
    expect(normalizeText('a_b-c 2024年')).toBe('a b c 2024年')
  })

  it('folds compatibility ideographs and circled digits (full rules)', () => {
    expect(normalizeText('\uF900①号')).toBe('\u8C481号')
  })

  it('leaves an empty string when nothing meaningful is left', () => {
    expect(normalizeText('@红书参谋 🙏🙏 ？')).toBe('')
  })
})

describe('synonymRewriter', () => {
  const rewrite = synonymRewriter({
    小红书: ['红薯', '小红薯', 'xhs', 'red'],
    接广告: ['接广子', '接广'],
    微信: ['vx'],
  })

  it('rewrites slang to the canonical term, longest variant first', () => {
    expect(rewrite('小红薯上怎么接广子')).toBe('小红书上怎么接广告')
    expect(rewrite('红薯能做吗')).toBe('小红书能做吗')
  })

  it('does not re-read a canonical term as a shorter variant', () => {
    expect(rewrite('接广告')).toBe('接广告')
  })

  it('matches ASCII variants only as whole words', () => {
    expect(rewrite('xhs和vx')).toBe('小红书和微信')
    expect(rewrite('reddit 怎么样')).toBe('reddit 怎么样')
    expect(rewrite('red 怎么样')).toBe('小红书 怎么样')
  })
})
