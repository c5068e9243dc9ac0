import { describe, expect, it } from 'vitest'
import { webCryptoBackend } from '../../../src/platforms/crypto-backend'
import { nodeCryptoBackend } from '../../../src/node/crypto'
import { decryptFeishu, encryptFeishu, feishuSignature, verifyFeishuSignature } from '../../../src/platforms/feishu/verify'

// Official and derived vectors from shared/reference/protocols.md §9.
const FV2_CIPHER =
  'bZ3L7yh6m3Fkuffl4g+3uGjIHnhOm5fVZbKVuyT8t7tcd5ABMYm8l28/X900ZL3knZ7n+sCREu/H2WnIzft0amC7+xWqNH8o25IU63N4BnZWfHh+4hyG76QPd19vkw2bPJCx9aqxK8Nz+xqFNbk0RdgyWhmgd30jSxHtcQXAllkI7FMpGpOCteJad3bLXPDBQIV/xkCtKICCS7Z63gakpxZCLaRZ3qCXP1fapHh+LBIupxenrU6ysc7I3nHmjmKie41IiWwS5puG4zQHhVbq6KWLcgWm/3NBZOPQy53ucMu75SXA55I7jarVLZXWUcqBGrcgE3vouWbtwgZuzmoTQl0GSh5VYSVvpW992BuGxUWj0XjPYdICJm6Cr7xouNXwMcdb7N8caVdkdSZeEnswG19qSyDoQhklwzNGW0yiaayulBqJNjfge/G5V3401c2XaIuAeEIo+QQ4RSNpRGfnHkbu/j55FGQAGWjpuBNaIwZbaUoVP3NkGP+vM5rpEDe3sL2GN+Xsd+g9yBs7FqdMV8mXTGgLjCqjrPrke5/km76Q3Pe6KPs2YexMRG4MkSx3xUTzZnNn7zIzShPcjeSwBd2pxk6ht5N+fzueZdxl6Oo='
const FV2_PLAIN =
  '{"schema":"2.0","header":{"event_id":"f7984f25108f8137722bb63cee927e66","event_type":"contact.user.created_v3","app_id":"cli_xxxxxxxx","tenant_key":"xxxxxxx","create_time":"1603977298000000","token":"v"},"event":{"object":{"open_id":"ou_7dab8a3d3cdcc9da365777c7ad535d62","union_id":"on_576833b917gda3d939b9a3c2d53e72c8","user_id":"e33ggbyz","name":"张三","employee_no":"employee_no"}},"challenge":"1212","type":"url_verification"}'
const bytes = (s: string) => new TextEncoder().encode(s)

describe.each([
  ['Web Crypto', webCryptoBackend],
  ['node:crypto', nodeCryptoBackend],
])('Feishu event crypto on %s', (_name, backend) => {
  it('decrypts the official FV1 vector to "hello world"', async () => {
    expect(await decryptFeishu('P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=', 'test key', backend)).toBe('hello world')
  })

  it('decrypts the go-sdk FV2 vector to the exact event JSON', async () => {
    expect(await decryptFeishu(FV2_CIPHER, '1212121212', backend)).toBe(FV2_PLAIN)
  })

  it('computes the FV3 signatures over the raw body bytes', async () => {
    expect(await feishuSignature('timestamp', 'nonce', '1212121212', bytes(FV2_PLAIN), backend)).toBe(
      '4dca085198cb3216defc5b65b0668c1328b038a22dbadf2bc6c4fdc3d32bbc45',
    )
    expect(await feishuSignature('1700000000', 'abc123', 'test key', bytes('{"encrypt":"P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk="}'), backend)).toBe(
      '69c61fa99760d59824d588297c0036194769fb54331682c9cbcd93e85b9a8aad',
    )
  })

  it('rejects a signature when one byte of the body changes', async () => {
    const body = bytes('{"encrypt":"P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk="}')
    const headers = new Headers({
      'x-lark-request-timestamp': '1700000000',
      'x-lark-request-nonce': 'abc123',
      'x-lark-signature': '69c61fa99760d59824d588297c0036194769fb54331682c9cbcd93e85b9a8aad',
    })
    expect(await verifyFeishuSignature(headers, 'test key', body, backend)).toBe(true)
    const tampered = bytes('{"encrypt": "P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk="}')
    expect(await verifyFeishuSignature(headers, 'test key', tampered, backend)).toBe(false)
    expect(await verifyFeishuSignature(new Headers(), 'test key', body)).toBe(false)
  })

  it('round-trips unicode and answers null for a wrong key or garbage', async () => {
    const text = JSON.stringify({ text: '要不要做直播带货？🎥' })
    const enc = await encryptFeishu(text, 'k1')
    expect(await decryptFeishu(enc, 'k1', backend)).toBe(text)
    expect(await decryptFeishu(enc, 'k2', backend)).toBeNull()
    expect(await decryptFeishu('not base64 !!', 'k1', backend)).toBeNull()
    expect(await decryptFeishu('', 'k1')).toBeNull()
  })
})
