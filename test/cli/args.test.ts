import { describe, expect, it } from 'vitest'
import { lastValue, parseArgs } from '../../src/cli/args'

const spec = { booleans: ['--json'], values: ['--chat', '--keyword'], aliases: { '-k': '--keyword' } }

describe('cli args', () => {
  it('reads boolean flags, values in both spellings, aliases and words in order', () => {
    const parsed = parseArgs(['新号', '--json', '--chat', 'oc_1', '-k', 'a', '--keyword=b', '还有机会吗', '--chat=oc_2'], spec)
    if (typeof parsed === 'string') throw new Error(parsed)
    expect([...parsed.flags]).toEqual(['--json'])
    expect(parsed.values.get('--keyword')).toEqual(['a', 'b'])
    expect(lastValue(parsed, '--chat')).toBe('oc_2')
    expect(parsed.words).toEqual(['新号', '还有机会吗'])
  })

  it('keeps words that start with a single dash (a title like "-5折")', () => {
    const parsed = parseArgs(['-5折', '-_-'], spec)
    expect(typeof parsed === 'string' ? parsed : parsed.words).toEqual(['-5折', '-_-'])
  })

  it('says what is wrong: an unknown flag, a value missing, a value given to a boolean', () => {
    expect(parseArgs(['--jsn'], spec)).toBe('unknown argument: --jsn')
    expect(parseArgs(['--chat'], spec)).toBe('--chat needs a value')
    expect(parseArgs(['--chat='], spec)).toBe('--chat needs a value')
    expect(parseArgs(['--json=1'], spec)).toBe('unknown argument: --json=1')
  })
})
