import { encryptFeishu, feishuSignature } from '../src/platforms/feishu/verify'

export const BENCH_TOKEN = 'bench-token'
export const BENCH_KEY = 'bench encrypt key'
export const BENCH_BOT = 'ou_bench_bot'

export interface PreparedRequest { body: string; headers: Record<string, string> }

/** Distinct, encrypted and signed @mention questions, built before timing starts (the client's cost, not ours). */
export async function prepareQuestions(n: number, questions: string[]): Promise<PreparedRequest[]> {
  const out: PreparedRequest[] = []
  const run = Math.random().toString(36).slice(2, 8)
  for (let i = 0; i < n; i++) {
    const payload = {
      schema: '2.0',
      header: { event_id: `ev_${run}_${i}`, event_type: 'im.message.receive_v1', token: BENCH_TOKEN, create_time: String(Date.now()) },
      event: {
        sender: { sender_id: { open_id: `ou_user_${i % 500}` }, sender_type: 'user' },
        message: {
          message_id: `om_${run}_${i}`,
          chat_id: `oc_bench_${i % 50}`,
          chat_type: 'group',
          message_type: 'text',
          content: JSON.stringify({ text: `@_user_1 ${questions[i % questions.length]}` }),
          mentions: [{ key: '@_user_1', id: { open_id: BENCH_BOT }, name: 'bot' }],
        },
      },
    }
    const body = JSON.stringify({ encrypt: await encryptFeishu(JSON.stringify(payload), BENCH_KEY) })
    const ts = String(Math.floor(Date.now() / 1000))
    const nonce = `n${i}`
    const signature = await feishuSignature(ts, nonce, BENCH_KEY, new TextEncoder().encode(body))
    out.push({
      body,
      headers: { 'content-type': 'application/json', 'content-length': String(new TextEncoder().encode(body).length), 'x-lark-request-timestamp': ts, 'x-lark-request-nonce': nonce, 'x-lark-signature': signature },
    })
  }
  return out
}
