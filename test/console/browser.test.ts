// The console in a real browser (Debian's headless Chromium) against the real Node server (`npm start`'s entry)
// on real Redis: sign in, the playground, teaching from the question log, stats, tips, and escaping. The same server
// first answers the Node entry's own console checks (./suites/node-entry.ts): one start instead of two.
// CONSOLE_SCREENSHOTS=1 also writes the screenshots to docs/console-*.png (otherwise to a temp directory).
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { loadKnowledge } from '../../src/knowledge/knowledge'
import { deleteKeys, randomPrefix } from '../helpers/redis-test-store'
import { hasChromium, launchBrowser, type Browser } from './helpers/browser'
import { startNodeServer, type NodeServer } from './helpers/node-server'
import { nodeEntrySuite } from './suites/node-entry'

const TOKEN = 'browser-test-console-token-42'
const XSS = '<img src=x onerror=alert(1)>'
const OFF_TOPIC = '小红书的薯条怎么投'
const TEACH_TO = 'traffic-outlook'
const WECOM_HOST = '127.0.0.1:9'
const knowledge = loadKnowledge()
const titleOf = (id: string) => knowledge.byId.get(id)!.title

const shots = process.env.CONSOLE_SCREENSHOTS ? 'docs' : mkdtempSync(join(tmpdir(), 'console-shots-'))
mkdirSync(shots, { recursive: true })

const prefix = randomPrefix('console-browser')
let server: NodeServer
let browser: Browser
let page: Page
const dialogs: string[] = []
const cspViolations: string[] = []
const pageErrors: string[] = []

// Chromium starts beside the server: neither waits for the other.
let launching: Promise<Browser> | undefined

beforeAll(async () => {
  launching = hasChromium ? launchBrowser() : undefined
  launching?.catch(() => {}) // awaited (and its failure reported) in the browser suite's beforeAll
  // WECOM_API_BASE on a closed loopback port: the group webhooks added below live there, so the server's own tip
  // scheduler could never post to a real host, whenever it fires.
  server = await startNodeServer({ REDIS_PREFIX: prefix, CONSOLE_TOKEN: TOKEN, ADMIN_IDS: 'ou_some_admin', WECOM_API_BASE: `http://${WECOM_HOST}` })
}, 60_000)

afterAll(async () => {
  await (browser ?? (await launching?.catch(() => undefined)))?.close()
  await server?.stop()
  await deleteKeys(prefix)
})

async function shot(name: string) {
  const path = join(shots, `console-${name}.png`)
  await page.screenshot({ path, fullPage: true })
  // A PNG at least the viewport's size; its byte size depends on which fonts the machine has, so it is not checked.
  const png = readFileSync(path)
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG')
  expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(1200)
  expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(900)
}

/** Types a message in the playground and waits for the bot's reply bubble; returns it. */
async function say(text: string) {
  const before = await page.locator('.bubble.bot').count()
  await page.fill('#pg-text', text)
  await page.click('#pg-form button[type=submit]')
  return lastReply(before)
}

async function lastReply(before: number) {
  await page.locator('.bubble.bot').nth(before).locator('.fs-card, .wc-msg, .toast, .error').waitFor()
  return page.locator('.bubble.bot').nth(before)
}

nodeEntrySuite(() => server, prefix)

describe('the console in Chromium', () => {
  beforeAll(async () => {
    if (!launching) throw new Error('headless Chromium is missing: apt-get install -y chromium (see README, prerequisites)')
    browser = await launching
    page = await browser.context.newPage()
    page.setDefaultTimeout(10_000)
    page.on('dialog', (d) => {
      dialogs.push(d.message())
      void d.dismiss()
    })
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text())
    })
    page.on('pageerror', (e) => pageErrors.push(e.message))
  }, 60_000)

  it('sends a stranger to the sign-in page, and signs in with the token', async () => {
    await page.goto(`${server.url}/console`)
    expect(new URL(page.url()).pathname).toBe('/console/login')
    await shot('login')
    await page.fill('input[name=token]', 'not-the-token-at-all-no')
    await page.click('form.login button[type=submit]')
    await expect(page.locator('.error').textContent()).resolves.toContain('令牌不对')
    await page.fill('input[name=token]', TOKEN)
    await page.click('form.login button[type=submit]')
    await page.waitForURL('**/console/playground')
    const cookie = (await browser.context.cookies()).find((c) => c.name === 'xhs_console')!
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' })
    expect(cookie.value).not.toContain(TOKEN)
  })

  it('answers a question in the playground with the Feishu card', async () => {
    const reply = await say('小红书关键词应该怎么布局')
    await expect(reply.locator('.fs-header').textContent()).resolves.toBe(titleOf('keyword-layout'))
    expect(await reply.locator('.fs-note').textContent()).toContain('2024')
    expect(await reply.locator('.meta').textContent()).toContain('intent: keyword-layout')
    // The card's markdown is drawn as elements: the key points as a list under a bold heading.
    expect(await reply.locator('.md strong', { hasText: '要点' }).count()).toBe(1)
    expect(await reply.locator('.md li').count()).toBe(knowledge.byId.get('keyword-layout')!.points.length)
  })

  it('answers a pressed related-topic button with that topic', async () => {
    const related = knowledge.byId.get('keyword-layout')!.related[0]!
    const before = await page.locator('.bubble.bot').count()
    await page.locator('.bubble.bot').nth(before - 1).locator('.fs-btn', { hasText: titleOf(related) }).click()
    const reply = await lastReply(before)
    await expect(reply.locator('.fs-header').textContent()).resolves.toBe(titleOf(related))
    await shot('playground')
  })

  it('counts a 👍 on the first answer and says so', async () => {
    const before = await page.locator('.bubble.bot').count()
    await page.locator('.bubble.bot').nth(0).locator('.fs-btn', { hasText: '👍' }).click()
    const reply = await lastReply(before)
    expect(await reply.locator('.toast').textContent()).toContain('👍')
  })

  it('switches the transcript to the WeCom rendering, where a 1:1 chat gets the button card', async () => {
    await page.check('input[name=platform][value=wecom]')
    expect(await page.locator('.bubble.bot .wc-msg').count()).toBeGreaterThan(0)
    expect(await page.locator('.bubble.bot .fs-card').count()).toBe(0)
    await page.check('input[name=chatType][value=p2p]')
    const reply = await say('实体店怎么用小红书引流')
    const related = knowledge.byId.get('local-life')!.related[0]!
    const before = await page.locator('.bubble.bot').count()
    await reply.locator('.wc-card .wc-btn').first().click()
    const pressed = await lastReply(before)
    expect(await pressed.locator('.wc-msg .md p').first().textContent()).toBe(titleOf(related))
    await page.check('input[name=chatType][value=group]')
    await page.check('input[name=platform][value=feishu]')
  })

  it('shows what a member typed as text and runs none of it', async () => {
    await say(XSS)
    const mine = page.locator('.bubble.user', { hasText: 'onerror' })
    expect(await mine.textContent()).toBe(XSS)
    expect(await page.locator('.transcript img').count()).toBe(0)
  })

  it('teaches an off-topic question from the Questions page, and the playground then answers it', async () => {
    const fallback = await say(OFF_TOPIC)
    await expect(fallback.locator('.fs-header').textContent()).resolves.toBe('这个我不确定')

    await page.goto(`${server.url}/console/questions?unanswered=1`)
    const row = page.locator('tr.question', { has: page.locator('.q-text', { hasText: OFF_TOPIC }) })
    await row.locator('select[name=intent]').selectOption(TEACH_TO)
    await row.locator('form.teach button[type=submit]').click()
    const result = row.locator('.teach-result')
    await result.locator('.fs-card').waitFor()
    expect(await result.locator('.ok').textContent()).toContain('已教会')
    expect(await result.locator('.fs-header').textContent()).toBe(titleOf(TEACH_TO))

    // The member's <img> question is in the log as plain text too.
    const xssRow = page.locator('tr.question .q-text', { hasText: 'onerror' })
    expect(await xssRow.textContent()).toBe(XSS)
    expect(await page.locator('#questions img').count()).toBe(0)

    await page.reload()
    expect(await page.locator('#taught td', { hasText: OFF_TOPIC }).count()).toBe(1)
    await shot('questions')

    await page.goto(`${server.url}/console/playground`)
    const taught = await say(OFF_TOPIC)
    await expect(taught.locator('.fs-header').textContent()).resolves.toBe(titleOf(TEACH_TO))
  })

  it('shows the counts on the Stats page, the same as the stats API', async () => {
    const api = (await (await page.request.get(`${server.url}/console/api/stats?days=7`)).json()) as {
      stats: { questions: number; answered: number }
      perDay: { questions: number }[]
    }
    // Typed questions so far: keyword layout, the shop one, the <img> one, the off-topic one twice (buttons are not questions).
    expect(api.stats.questions).toBe(5)
    await page.goto(`${server.url}/console/stats`)
    expect(await page.locator('#stat-questions b').textContent()).toBe(String(api.stats.questions))
    expect(await page.locator('#stat-answered b').textContent()).toBe(String(api.stats.answered))
    // The 👍 went to the logged keyword-layout question.
    expect(await page.locator('#stat-up b').textContent()).toBe('1')
    const topic = page.locator('#top-topics tr', { hasText: titleOf('keyword-layout') })
    expect(await topic.locator('td.num').allTextContents()).toEqual(['1', '1', '0'])
    expect(api.perDay.reduce((n, d) => n + d.questions, 0)).toBe(api.stats.questions)
    expect(await page.locator('#daily-chart g[data-date]').count()).toBe(7)
    expect(await page.locator('#top-unanswered td', { hasText: 'onerror' }).textContent()).toBe(XSS)
    await shot('stats')
  })

  it('lists the coming tips and adds and removes a WeCom group subscription with its key masked', async () => {
    await page.goto(`${server.url}/console/tips?chat=oc_browser_chat`)
    expect(await page.locator('#tip-schedule tbody tr').count()).toBe(14)
    await page.fill('#add-wecom input[name=chatId]', 'wrcBrowserGroup')
    await page.fill('#add-wecom input[name=webhookUrl]', 'http://example.com/hook')
    await page.click('#add-wecom button[type=submit]')
    const refusal = page.locator('#add-wecom .form-error:not([hidden])')
    await refusal.waitFor()
    expect(await refusal.textContent()).toContain('https://')
    await page.fill('#add-wecom input[name=webhookUrl]', `https://${WECOM_HOST}/cgi-bin/webhook/send?key=SECRETKEY123456`)
    await Promise.all([page.waitForEvent('load'), page.click('#add-wecom button[type=submit]')])
    const row = page.locator('#subscriptions tr', { hasText: 'wrcBrowserGroup' })
    expect(await row.textContent()).toContain('key=SECR…')
    expect(await page.content()).not.toContain('SECRETKEY123456')
    await shot('tips')
    await Promise.all([page.waitForEvent('load'), row.locator('button', { hasText: '退订' }).click()])
    expect(await page.locator('#subscriptions tr', { hasText: 'wrcBrowserGroup' }).count()).toBe(0)
  })

  it('refuses a POST from another origin’s page even though the browser is signed in', async () => {
    const victim = { chatId: 'wrcVictimGroup', webhookUrl: `https://${WECOM_HOST}/cgi-bin/webhook/send?key=victim123` }
    const bearer = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }
    expect((await fetch(`${server.url}/console/api/subscriptions`, { method: 'POST', headers: bearer, body: JSON.stringify(victim) })).status).toBe(200)
    // Another port on the same host is the same site, so the SameSite=Strict cookie rides along: only the Origin check stops it.
    const body = JSON.stringify({ platform: 'wecom', chatId: victim.chatId })
    const attack = `<form id="f" method="post" action="${server.url}/console/api/unsubscribe" enctype="text/plain"><input type="hidden" name='${body.slice(0, -1)},"x":"' value='"}'></form><script>document.getElementById('f').submit()</script>`
    const attacker = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(attack))
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve))
    try {
      const refused = page.waitForResponse((r) => r.url().endsWith('/console/api/unsubscribe'))
      await page.goto(`http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`)
      const res = await refused
      expect(res.request().headers().cookie ?? (await res.request().allHeaders()).cookie).toContain('xhs_console=')
      expect(res.status()).toBe(403)
      expect(await res.text()).toContain('cross-origin request refused (Sec-Fetch-Site: same-site)')
    } finally {
      attacker.close()
    }
    const subs = (await (await fetch(`${server.url}/console/api/subscriptions`, { headers: bearer })).json()) as { subscriptions: { chatId: string }[] }
    expect(subs.subscriptions.map((s) => s.chatId)).toContain(victim.chatId)
  })

  it('ran no script it should not have: no dialog, no CSP violation, no page error', () => {
    expect(dialogs).toEqual([])
    expect(cspViolations).toEqual([])
    expect(pageErrors).toEqual([])
  })
})
