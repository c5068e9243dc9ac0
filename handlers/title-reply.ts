import type { Knowledge } from '../src/knowledge/knowledge'
import type { Block, Button, Reply, ReplyTone } from '../src/bot/reply'
import { NOTES, RULES } from '../src/title/check'
import type { Severity, TitleIssue, TitleReport } from '../src/title/types'

const MARK: Record<Severity, string> = { error: '❌', warn: '⚠️', info: 'ℹ️' }
const SOURCE = '依据《2024年小红书运营趋势分析》二.2（关键词布局、具体细节）、三.2（温暖积极）及《广告法》第九、十七、二十四、二十八条等'
const CORE_RULES = ['length', 'ad-law', 'diversion', 'negative-tone', 'missing-keyword', 'vague']

export function toneOf(score: number): ReplyTone {
  return score >= 85 ? 'green' : score >= 60 ? 'orange' : 'red'
}

function worst(issues: TitleIssue[]): Severity | undefined {
  return issues.find((i) => i.severity === 'error')?.severity ?? issues.find((i) => i.severity === 'warn')?.severity ?? issues[0]?.severity
}

/** One line per rule: ✅ when clean, otherwise the worst mark and what matched. */
function ruleFields(report: TitleReport, keywordsGiven: boolean): { label: string; value: string }[] {
  const fields: { label: string; value: string }[] = []
  for (const rule of RULES) {
    const issues = report.issues.filter((i) => i.rule === rule.id)
    const mark = worst(issues)
    if (!mark) {
      if (!CORE_RULES.includes(rule.id)) continue
      if (rule.id === 'missing-keyword' && !keywordsGiven) {
        fields.push({ label: rule.label, value: '— 未指定（加“关键词：咖啡”可检查）' })
        continue
      }
      const value = rule.id === 'length' ? `✅ ${report.length}/${report.limit}` : '✅ 通过'
      fields.push({ label: rule.label, value })
      continue
    }
    const matches = [...new Set(issues.map((i) => i.match).filter(Boolean))].map((m) => `「${m}」`).join(' ')
    const value = rule.id === 'length' ? `${MARK[mark]} ${report.length}/${report.limit}` : `${MARK[mark]} ${matches || issues[0]?.message.slice(0, 16)}`
    fields.push({ label: rule.label, value })
  }
  return fields
}

function issueLine(issue: TitleIssue): string {
  return `${MARK[issue.severity]} ${issue.message}${issue.suggestion ? `\n→ ${issue.suggestion}` : ''}`
}

const isNote = (i: TitleIssue) => i.rule === NOTES.score || i.rule === NOTES.rewrite

/** The title-check card: score in the header, a mark per rule, the issues with fixes, rewrites or advice, the score explained. */
export function titleReply(report: TitleReport, keywords: string[], knowledge?: Knowledge): Reply {
  const findings = report.issues.filter((i) => !isNote(i))
  const blocks: Block[] = [
    { kind: 'markdown', text: `**${report.title}**\n长度 ${report.length}/${report.limit}（英文数字算半个字，表情算 2 个）` },
    { kind: 'fields', items: ruleFields({ ...report, issues: findings }, keywords.length > 0) },
  ]
  if (findings.length) {
    blocks.push({ kind: 'points', title: '问题和改法', items: findings.map(issueLine) })
  } else {
    blocks.push({ kind: 'markdown', text: '✅ 没发现问题，可以发。' })
  }
  const advice = report.issues.find((i) => i.rule === NOTES.rewrite)
  if (report.suggestions.length) {
    blocks.push({ kind: 'points', title: '可以这样改', items: report.suggestions })
  } else if (advice) {
    blocks.push({ kind: 'markdown', text: `**没有自动改写**：${advice.message}。\n→ ${advice.suggestion ?? ''}` })
  }
  const explained = report.issues.find((i) => i.rule === NOTES.score)
  if (explained) blocks.push({ kind: 'markdown', text: explained.message })
  const buttons: Button[] = []
  if (knowledge?.byId.has('keyword-layout')) {
    buttons.push({ label: '关键词怎么布局', action: { type: 'ask', intent: 'keyword-layout' } })
  }
  return {
    kind: 'title-check',
    title: `标题体检 ${report.score}分`,
    tone: toneOf(report.score),
    blocks,
    source: SOURCE,
    buttons,
  }
}

export function titleUsageReply(): Reply {
  return {
    kind: 'notice',
    title: '标题检查怎么用',
    tone: 'blue',
    blocks: [{
      kind: 'markdown',
      text: '发“标题检查 你的标题”，例如：\n标题检查 杭州3家人均50的咖啡馆 关键词：咖啡,探店\n也可以：/title 你的标题，或 帮我看看标题：「你的标题」',
    }],
    buttons: [],
  }
}
