// The Worker's start-up warm-up: it answers its sample questions through the real request path, touches nothing
// outside itself, and keeps to what workerd allows while a global scope runs.
import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { loadKnowledge } from '../src/knowledge/knowledge'
import { warmUpQuestions, warmUpRequestPath } from '../src/warm-up'
import { startUpRules } from './helpers/workerd-start-up.mjs'

const knowledge = loadKnowledge()
const text = (card: object) => JSON.stringify(card)

afterEach(() => {
  vi.restoreAllMocks()
})

describe('warmUpRequestPath', () => {
  it('asks one question the knowledge answers and one it declines, both taken from the knowledge', () => {
    const [answered, declined] = warmUpQuestions(knowledge)
    expect(knowledge.intents[0]?.phrasings).toContain(answered)
    expect(knowledge.outOfScope).toContain(declined)
  })

  it('answers each question with a card through the real dispatch and Feishu client, over Redis and over memory, and the first again through the webhook', async () => {
    const { cards } = await warmUpRequestPath(knowledge)
    expect(cards).toHaveLength(5)
    // the webhook's answer to the first question: the same card, delivered through the outbox
    expect(text(cards[4]!)).toContain(knowledge.intents[0]!.title)
    for (const [answered, declined] of [[cards[0], cards[1]], [cards[2], cards[3]]]) {
      expect(text(answered!)).toContain(knowledge.intents[0]!.title)
      expect(text(declined!)).not.toContain(knowledge.intents[0]!.title)
      expect(answered).toMatchObject({ schema: '2.0', header: { title: { tag: 'plain_text' } } })
    }
  })

  it('makes no network call', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch')
    await warmUpRequestPath(knowledge)
    expect(fetchSpy).not.toHaveBeenCalled()
  })

  it('needs no I/O, timer, abort timeout, random value or request/response body, which workerd refuses at start-up', async () => {
    const allowAgain = startUpRules()
    let outcome: Awaited<ReturnType<typeof warmUpRequestPath>> | Error
    try {
      outcome = await warmUpRequestPath(knowledge).catch((e: Error) => e)
    } finally {
      allowAgain()
    }
    expect(outcome).not.toBeInstanceOf(Error)
    // the webhook's acknowledgement (a Response with a body) is refused, but its reply went out before it
    expect((outcome as { cards: object[] }).cards).toHaveLength(5)
    // through ioredis to its in-memory Redis, not through the failover's memory
    expect((outcome as { onRedis: boolean }).onRedis).toBe(true)
    // the question was logged (its id rides on the feedback buttons), so the log's path was compiled too
    expect(text((outcome as { cards: object[] }).cards[0]!)).toContain('"vote":"up"')
  })

  it('the rules it is held to do refuse those operations', async () => {
    const allowAgain = startUpRules()
    try {
      expect(() => fetch('http://127.0.0.1:9/')).toThrow(/Disallowed/)
      expect(() => new Response('body')).toThrow(/Disallowed/)
      expect(() => crypto.randomUUID()).toThrow(/Disallowed/)
      expect(() => AbortSignal.timeout(1000)).toThrow(/Disallowed/)
      expect(() => new Request('http://x/')).not.toThrow()
    } finally {
      allowAgain()
    }
    expect(() => new Response('body')).not.toThrow()
  })
})

describe('wrangler.toml', () => {
  it('turns on the compatibility flag without which ioredis traces every command, which workerd refuses at start-up', () => {
    const toml = readFileSync(new URL('../wrangler.toml', import.meta.url), 'utf8')
    expect(toml).toMatch(/^compatibility_flags = \[[^\]]*"diagnostics_channel_has_subscribers_getter"/m)
  })
})
