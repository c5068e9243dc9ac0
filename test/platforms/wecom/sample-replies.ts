import type { Reply } from '../../../src/bot/reply'

export const answerReply: Reply = {
  kind: 'answer',
  title: '新号怎么起步',
  tone: 'blue',
  blocks: [
    { kind: 'markdown', text: '先定位，再**稳定更新**。' },
    { kind: 'points', title: '要点', items: ['选一个细分领域', '每周更新 3 篇'] },
  ],
  source: '2024 小红书趋势文章 · 第二节',
  buttons: [],
  intent: 'new-account',
}

export const buttonsReply: Reply = {
  ...answerReply,
  kind: 'fallback',
  title: '你是想问这些吗？',
  buttons: [
    { label: '新号起步', action: { type: 'ask', intent: 'new-account' }, style: 'primary' },
    { label: '标题怎么写', action: { type: 'ask', intent: 'title-tips' } },
    { label: '有用', action: { type: 'feedback', intent: 'new-account', vote: 'up' } },
  ],
}
