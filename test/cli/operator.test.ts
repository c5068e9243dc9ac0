// The operator's CLI subcommands in-process, against real Redis under a test prefix and a temporary knowledge copy.
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runKnowledgePull } from '../../src/cli/knowledge-pull'
import { runForget, runTaught, runTeach } from '../../src/cli/knowledge-taught'
import { knowledgeFile } from '../../src/cli/knowledge-files'
import { runQuestions } from '../../src/cli/questions'
import { runStats } from '../../src/cli/stats'
import { recordQuestion, recordVote } from '../../src/insights'
import { buildKnowledge, loadKnowledge } from '../../src/knowledge/knowledge'
import { lintKnowledge } from '../../src/knowledge/lint'
import { buildIndex } from '../../src/matcher/build-index'
import { createMatcher, getMatcher, type Matcher } from '../../src/matcher/matcher'
import { loadTrainingCorpus } from '../../src/cli/training-corpus'
import { listTaught, teach } from '../../src/teach'
import { loadLabelled } from '../helpers/labelled'
import { deleteKeys, prefixedRedisStore, randomPrefix } from '../helpers/redis-test-store'

const prefix = randomPrefix('cli-operator')
const store = prefixedRedisStore(prefix)
const knowledge = loadKnowledge()
const tmp = mkdtempSync(join(tmpdir(), 'xhs-pull-'))
afterAll(async () => {
  await store.close()
  await deleteKeys(prefix)
  rmSync(tmp, { recursive: true, force: true })
})

function io() {
  const out: string[] = []
  const err: string[] = []
  return { out, err, deps: { store, env: { TZ_NAME: 'Asia/Shanghai' }, out: (l: string) => out.push(l), err: (l: string) => err.push(l) } }
}

describe('cli stats and questions', () => {
  it('counts and lists what the bot logged, newest first, unanswered on request', async () => {
    const now = Date.now()
    const settings = { days: 30, timeZone: 'Asia/Shanghai' }
    const m = { platform: 'feishu' as const, chatId: 'oc_cli', chatType: 'group' as const, senderId: 'ou_1' }
    const id = (await recordQuestion(store, m, '新号怎么起步', { intent: 'new-account', score: 0.8, candidates: ['new-account'] }, settings, now - 2000))!
    await recordQuestion(store, m, '发笔记用什么相机好', { intent: null, score: 0.19, candidates: ['new-account'] }, settings, now - 1000)
    await recordVote(store, m, id, 'new-account', 'up', settings)

    const s = io()
    expect(await runStats(['--json'], { ...s.deps, now })).toBe(0)
    expect(JSON.parse(s.out[0]!)).toMatchObject({ questions: 2, answered: 1, unanswered: 1, answeredShare: 0.5, up: 1, down: 0, topUnanswered: [{ text: '发笔记用什么相机好', count: 1 }] })
    const text = io()
    expect(await runStats(['--days', '3'], { ...text.deps, now })).toBe(0)
    expect(text.out.join('\n')).toMatch(/questions\s+2\n.*answered\s+1 \(50%\)\nfallbacks\s+1/)

    const q = io()
    expect(await runQuestions(['--json', '--limit', '5'], { ...q.deps, now })).toBe(0)
    expect(JSON.parse(q.out[0]!).map((e: { text: string }) => e.text)).toEqual(['发笔记用什么相机好', '新号怎么起步'])
    const un = io()
    expect(await runQuestions(['--unanswered'], { ...un.deps, now })).toBe(0)
    expect(un.out).toHaveLength(1)
    expect(un.out[0]).toMatch(/\tfeishu:oc_cli\t\(fallback\)\t0\.19\t发笔记用什么相机好$/)
    expect(await runQuestions(['--limit', '0'], io().deps)).toBe(2)
  })
})

describe('cli knowledge teach, taught, forget', () => {
  it('teaches live, prints the answer the question now gets, lists it, and forgets it', async () => {
    const t = io()
    expect(await runTeach(['主页背景图怎么换', 'platform-basics'], t.deps)).toBe(0)
    expect(t.out.join('\n')).toContain(`已教会 ✅ ${knowledge.byId.get('platform-basics')!.title}`)
    const l = io()
    expect(await runTaught(['--json'], l.deps)).toBe(0)
    expect(JSON.parse(l.out[0]!)).toMatchObject([{ text: '主页背景图怎么换', intent: 'platform-basics' }])
    const f = io()
    expect(await runForget(['主页背景图怎么换'], f.deps)).toBe(0)
    expect(f.out.join('\n')).toContain('已忘记')
    expect(await listTaught(store)).toEqual([])
  })

  it('refuses a phrasing that belongs to another topic unless --force, and says how', async () => {
    const other = knowledge.byId.get('live-commerce')!.phrasings[0]!
    const t = io()
    expect(await runTeach([other, 'keyword-layout'], t.deps)).toBe(1)
    expect(t.err.join('\n')).toContain('--force')
    expect(await listTaught(store)).toEqual([])
  })

  it('refuses to teach into a throwaway in-memory store when REDIS_URL is not set', async () => {
    const t = io()
    expect(await runTeach(['主页背景图怎么换', 'platform-basics'], { ...t.deps, store: undefined, env: {} })).toBe(1)
    expect(t.err.join('\n')).toContain('REDIS_URL')
  })
})

// The pulled knowledge as `npm run artifacts` then builds it: trained with the training corpus (without the artifact a
// Worker trains it without one, so it has no scope model until the artifacts are regenerated). One per knowledge.
const training = loadTrainingCorpus()
const matchers = new WeakMap<object, Matcher>()
function matcherOf(k: ReturnType<typeof buildKnowledge>): Matcher {
  if (k === knowledge) return getMatcher(k)
  let m = matchers.get(k)
  if (!m) matchers.set(k, (m = createMatcher(k, buildIndex(k, training))))
  return m
}

function accuracy(k: ReturnType<typeof buildKnowledge>, file: string) {
  const matcher = matcherOf(k)
  const rows = loadLabelled(file)
  const decisions = rows.map((r) => matcher.match(r.text).intent)
  const inScope = rows.filter((r) => r.intent !== null)
  const right = rows.filter((r, i) => r.intent !== null && decisions[i] === r.intent).length
  const fallbacks = rows.filter((r, i) => r.intent === null && decisions[i] === null).length
  const offTopicCount = rows.length - inScope.length
  return { decisions, inScope: right / inScope.length, offTopic: fallbacks / offTopicCount, inScopeCount: inScope.length, offTopicCount }
}

describe('cli knowledge pull', () => {
  it('writes taught phrasings into a lint-clean intents.json formatted as before, keeps the rejected one taught, and keeps the labelled decisions', async () => {
    const files = { intents: join(tmp, 'intents.json'), tips: join(tmp, 'tips.json') }
    copyFileSync(knowledgeFile('intents.json'), files.intents)
    copyFileSync(knowledgeFile('tips.json'), files.tips)
    const taughtNow = [['发笔记用什么相机好', 'content-style'], ['素人做个人ip要多久', 'personal-brand'], ['餐饮店适合在红书投放吗', 'local-life']] as const
    for (const [text, intent] of taughtNow) expect((await teach(store, knowledge, text, intent)).status).toBe('taught')
    const stolen = knowledge.byId.get('live-commerce')!.phrasings[1]!
    expect((await teach(store, knowledge, stolen, 'keyword-layout', { force: true })).status).toBe('taught')

    const p = io()
    expect(await runKnowledgePull([], { ...p.deps, files })).toBe(0)
    const written = readFileSync(files.intents, 'utf8')
    const data = JSON.parse(written)
    expect(written).toBe(`${JSON.stringify(data, null, 2)}\n`)
    const tips = JSON.parse(readFileSync(files.tips, 'utf8'))
    expect(lintKnowledge(data, tips).filter((i) => i.severity === 'error')).toEqual([])
    const phrasingsOf = (id: string) => data.intents.find((i: { id: string }) => i.id === id).phrasings as string[]
    for (const [text, intent] of taughtNow) expect(phrasingsOf(intent)).toContain(text)
    expect(phrasingsOf('keyword-layout')).not.toContain(stolen)
    expect((await listTaught(store)).map((t) => t.text)).toEqual([stolen])
    expect(p.out.join('\n')).toMatch(/kept taught\tkeyword-layout\t.*duplicate-phrasing/)

    const pulled = buildKnowledge(data, tips)
    for (const file of ['questions.jsonl', 'questions-holdout.jsonl', 'questions-2.jsonl', 'questions-holdout-2.jsonl']) {
      const before = accuracy(knowledge, file)
      const after = accuracy(pulled, file)
      const changed = before.decisions.filter((d, i) => d !== after.decisions[i]).length
      console.log(`${file}: in-scope ${before.inScope.toFixed(3)} → ${after.inScope.toFixed(3)}, off-topic ${before.offTopic.toFixed(3)} → ${after.offTopic.toFixed(3)}, ${changed} decision(s) changed`)
      // The model retrains on the pulled phrasings, so a question sitting on the gate's edge may flip (seen: one
      // borderline off-topic question in one set); anything more means the pull moved the matcher.
      expect(changed).toBeLessThanOrEqual(1)
      expect(after.inScope * before.inScopeCount).toBeGreaterThanOrEqual(before.inScope * before.inScopeCount - 1 - 1e-9)
      expect(after.offTopic * before.offTopicCount).toBeGreaterThanOrEqual(before.offTopic * before.offTopicCount - 1 - 1e-9)
    }
  }, 60_000)
})
