import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../src/config'

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env)
  } catch (err) {
    if (err instanceof ConfigError) return err.problems
    throw err
  }
  return []
}

describe('configuration', () => {
  it('starts with nothing set, with the documented defaults', () => {
    const c = loadConfig({})
    expect(c).toMatchObject({ PORT: 8787, TIP_CRON: '0 9 * * *', TZ_NAME: 'Asia/Shanghai', FEISHU_API_BASE: 'https://open.feishu.cn', TIP_AUTO_SUBSCRIBE: true })
    expect(c.REDIS_URL).toBeUndefined()
    expect(c.ADMIN_IDS).toEqual([])
  })

  it('treats empty strings as unset', () => {
    expect(loadConfig({ REDIS_URL: '', FEISHU_ENCRYPT_KEY: '  ' }).REDIS_URL).toBeUndefined()
  })

  it('names the variable and what is wrong, one line each', () => {
    const p = problems({ REDIS_URL: 'localhost:6379', WECOM_BOT_ENCODING_AES_KEY: 'abc', TZ_NAME: 'Mars/Olympus', PORT: 'eighty', TIP_CRON: 'daily' })
    expect(p).toHaveLength(5)
    expect(p.find((l) => l.startsWith('REDIS_URL'))).toMatch(/redis:\/\//)
    expect(p.find((l) => l.startsWith('WECOM_BOT_ENCODING_AES_KEY'))).toMatch(/43 characters \(got 3\)/)
    expect(p.find((l) => l.startsWith('TZ_NAME'))).toMatch(/IANA/)
    expect(p.some((l) => l.startsWith('PORT'))).toBe(true)
    expect(p.find((l) => l.startsWith('TIP_CRON'))).toMatch(/cron/)
  })

  it('rejects an EncodingAESKey of the right length with characters base64 does not use', () => {
    expect(problems({ WECOM_BOT_ENCODING_AES_KEY: `${'a'.repeat(42)}!` })[0]).toMatch(/WECOM_BOT_ENCODING_AES_KEY/)
  })

  it('splits ADMIN_IDS on commas', () => {
    expect(loadConfig({ ADMIN_IDS: 'ou_a, ou_b,,' }).ADMIN_IDS).toEqual(['ou_a', 'ou_b'])
  })
})
