// Reply builders shared by the ask, follow-up, help and button handlers (and by other helpers' cards).
import type { Knowledge } from '../src/knowledge/knowledge'
import type { Candidate } from '../src/matcher/matcher'
import type { Button, Reply } from '../src/bot/reply'

const HELP_INTENT = 'help'
const MAX_RELATED = 3

/** Footnote for every knowledge answer: which section, and that the source is a 2024 article. */
export function sourceLine(knowledge: Knowledge, section: string): string {
  return `出处：《${knowledge.source.title}》${section}｜基于${knowledge.source.year}年文章，时效请自行判断`
}

function askButton(knowledge: Knowledge, intentId: string, prefix = ''): Button | null {
  const intent = knowledge.byId.get(intentId)
  return intent ? { label: `${prefix}${intent.title}`, action: { type: 'ask', intent: intentId } } : null
}

function relatedButtons(knowledge: Knowledge, ids: string[]): Button[] {
  return ids
    .map((id) => askButton(knowledge, id))
    .filter((b): b is Button => b !== null)
    .slice(0, MAX_RELATED)
}

/** `question`: the logged question's id, carried so the vote can be linked to it. */
function feedbackButtons(intent: string, question?: string): Button[] {
  const q = question ? { question } : {}
  return [
    { label: '👍 有用', action: { type: 'feedback', intent, vote: 'up', ...q } },
    { label: '👎 没用', action: { type: 'feedback', intent, vote: 'down', ...q } },
  ]
}

/**
 * A runner-up scoring at least this share of the answered topic's score is offered too: where two topics overlap, the
 * intent catalog's advice is to answer the best one and offer the other. Chosen on the training corpus's folds (each
 * measured with a matcher trained on the others): of 78 answers with the wrong topic, the right one was a button
 * away in 41 through the related topics alone and in 55 with a runner-up at ≥ 0.5 of the best score; 30 of 2,452
 * right answers (1.2%) get the extra offer. Lower shares add the offer to far more right answers (from 0 on, most).
 */
const ALSO_ASKED_SHARE = 0.5

/** The matcher's runner-up when it is close enough to the answered topic to offer (see ALSO_ASKED_SHARE). */
export function closeRunnerUp(knowledge: Knowledge, candidates: readonly Candidate[]): string | undefined {
  const [best, second] = candidates
  if (!best || !second || second.intent === best.intent || second.intent === HELP_INTENT || !knowledge.byId.has(second.intent)) return undefined
  return second.score >= ALSO_ASKED_SHARE * best.score ? second.intent : undefined
}

/**
 * The answer card for an intent. depth 0 = short answer + key points; depth 1 = the deeper follow-up;
 * depth ≥ 2 = nothing deeper left, so it points at related topics instead. `alsoAsked`: a close second topic, named
 * on the first card and offered as its first button.
 */
export function answerReply(knowledge: Knowledge, intentId: string, opts: { depth?: number; questionId?: string; alsoAsked?: string } = {}): Reply {
  if (intentId === HELP_INTENT) return helpReply(knowledge)
  const intent = knowledge.byId.get(intentId)
  if (!intent) throw new Error(`unknown intent: ${intentId}`)
  const depth = opts.depth ?? 0
  const also = depth === 0 && opts.alsoAsked !== intent.id && opts.alsoAsked !== HELP_INTENT ? knowledge.byId.get(opts.alsoAsked ?? '') : undefined
  const topics = also ? [also.id, ...intent.related.filter((id) => id !== also.id)] : intent.related
  const base = {
    kind: 'answer' as const,
    tone: 'blue' as const,
    intent: intent.id,
    source: sourceLine(knowledge, intent.section),
    buttons: [...relatedButtons(knowledge, topics), ...feedbackButtons(intent.id, opts.questionId)],
  }
  if (depth === 0) {
    return {
      ...base,
      title: intent.title,
      blocks: [
        { kind: 'markdown', text: intent.answer },
        { kind: 'points', title: '要点', items: intent.points },
        ...(also ? [{ kind: 'markdown' as const, text: `也可能你问的是「${also.title}」：下面第一个相关问题就是它。` }] : []),
        { kind: 'markdown', text: '想看更详细的，回复「展开说说」。' },
      ],
    }
  }
  if (depth === 1) {
    return { ...base, title: `${intent.title}（展开）`, blocks: [{ kind: 'markdown', text: intent.followUp }] }
  }
  return {
    ...base,
    title: `${intent.title}：就这些了`,
    tone: 'grey',
    blocks: [{ kind: 'markdown', text: '这个话题文章里能讲的我都讲完了。可以点下面的相关问题继续看，或者直接问别的。' }],
  }
}

/**
 * Candidates close enough to call "related" on a near-miss card (below this the words merely overlap). 0.15 before
 * the topic model trained on the training corpus, whose off-topic questions lowered every topic's score on a near
 * miss; below 0.12 the top candidate is mostly the model's default for a bare account question (怎么注销小红书账号,
 * 怎么改小红书号 → 别追涨粉), which names no related content. At 0.12, 48% of the near misses among the tuning
 * sets' and the corpus's uncovered 小红书 questions offer related topics (70% at 0.15 before).
 */
const RELATED_MIN_SCORE = 0.12

const TITLE_CHECK_HINT = '想检查一个标题（字数、违禁词、关键词），可以发「标题检查 你的标题」。'

/**
 * A 小红书 question next to what the article covers, but not covered ("封面用什么app做"): say so plainly and
 * offer the related topics. It is a fallback, not an answer. Without related topics it is the plain fallback.
 */
export function nearMissReply(knowledge: Knowledge, phrase: string, candidates: Candidate[]): Reply {
  const related = candidates.filter((c) => c.score >= RELATED_MIN_SCORE && knowledge.byId.has(c.intent) && c.intent !== HELP_INTENT)
  if (related.length === 0) return fallbackReply(knowledge, [])
  const titles = related.slice(0, MAX_RELATED).map((c) => `「${knowledge.byId.get(c.intent)?.title}」`)
  const blocks: Reply['blocks'] = [
    { kind: 'markdown', text: `文章没有讲到「${phrase}」，它讲到的相关内容是${titles.join('、')}，点下面的按钮可以看。` },
    { kind: 'markdown', text: `我只依据《${knowledge.source.title}》（${knowledge.source.year}年）回答，文章没写的我不乱答。` },
  ]
  if (/标题/.test(phrase)) blocks.push({ kind: 'markdown', text: TITLE_CHECK_HINT })
  return {
    kind: 'fallback',
    title: '文章没有讲到这个',
    tone: 'grey',
    blocks,
    buttons: relatedButtons(knowledge, related.map((c) => c.intent)),
  }
}

/** A question about another platform's operations: the article is about 小红书 only. */
export function otherPlatformReply(knowledge: Knowledge, platform: string): Reply {
  return {
    kind: 'fallback',
    title: `这是${platform}的问题`,
    tone: 'grey',
    blocks: [
      {
        kind: 'markdown',
        text: `这个问题问的是${platform}怎么做，我只依据《${knowledge.source.title}》（${knowledge.source.year}年）回答小红书运营的问题，${platform}的规则和玩法我不乱答。`,
      },
      { kind: 'markdown', text: '想知道小红书和其他平台有什么不同，可以点下面的按钮。' },
    ],
    buttons: relatedButtons(knowledge, ['platform-compare']),
  }
}

/** The honest "I don't know" card, with the closest topics as "你是不是想问" buttons. */
export function fallbackReply(knowledge: Knowledge, candidates: Candidate[]): Reply {
  const buttons = candidates
    .map((c) => askButton(knowledge, c.intent, '你是不是想问：'))
    .filter((b): b is Button => b !== null)
    .slice(0, MAX_RELATED)
  return {
    kind: 'fallback',
    title: '这个我不确定',
    tone: 'grey',
    blocks: [
      {
        kind: 'markdown',
        text: `这个问题不在我的知识范围里，我不想乱答。我只依据《${knowledge.source.title}》（${knowledge.source.year}年）回答小红书运营的问题。`,
      },
      { kind: 'markdown', text: buttons.length ? '你是不是想问下面这些？也可以输入「帮助」看看我能做什么。' : '输入「帮助」看看我能做什么。' },
    ],
    buttons,
  }
}

/** What the bot can do and how to use it; `greeting` opens the card ("在的！"). */
export function helpReply(knowledge: Knowledge, greeting?: string): Reply {
  const examples = ['worth-doing', 'new-account', 'keyword-layout']
  return {
    kind: 'help',
    title: '红书参谋能做什么',
    tone: 'green',
    intent: HELP_INTENT,
    blocks: [
      ...(greeting ? [{ kind: 'markdown' as const, text: greeting }] : []),
      {
        kind: 'markdown',
        text: `我依据《${knowledge.source.title}》（${knowledge.source.year}年）回答小红书创作者的问题。在群里@我，直接打字提问就行。`,
      },
      {
        kind: 'points',
        title: '用法',
        items: [
          '直接提问：比如「新号还有机会吗」「直播带货还能做吗」「关键词写在哪」',
          '回答后说「展开说说」「详细点」，看更深入的解释',
          '`标题检查 <标题>`：检查笔记标题的字数、违禁词、导流词和关键词',
          '`/tip`：看今天的运营小贴士',
          '`/订阅` / `/退订`：开启或关闭本群的每日小贴士推送（管理员）',
          '`/我的ID`：查看你在本平台的 ID（填进 ADMIN_IDS 就成为管理员）',
          '管理员还可以用 `/统计`、`/待答`、`/教 问题 => 主题`、`/忘 问题` 查看提问并教我新说法',
        ],
      },
      { kind: 'markdown', text: '不在文章范围里的问题（天气、改密码、别的App怎么用…）我会直接说不知道。' },
    ],
    buttons: examples.map((id) => askButton(knowledge, id)).filter((b): b is Button => b !== null),
  }
}
