// A training file (knowledge/training/*.jsonl) an operator edits by hand: a bad line names its file and line.
import { describe, expect, it } from 'vitest'
import { parseTrainingFile } from '../../src/matcher/training'

describe('parseTrainingFile', () => {
  it('reads labelled lines, skipping blank ones and a leading byte-order mark', () => {
    const text = '\uFEFF{"text": "新号还能做吗", "intent": "new-account", "kind": "in-scope"}\n\n{"text": "抖音怎么开直播", "intent": null}\n'
    expect(parseTrainingFile(text, 'in-x.jsonl')).toEqual([
      { text: '新号还能做吗', intent: 'new-account', kind: 'in-scope' },
      { text: '抖音怎么开直播', intent: null },
    ])
  })

  it.each([
    ['{"text": "缺了括号"', /^off-x\.jsonl:2: not JSON/],
    ['null', /^off-x\.jsonl:2: expected \{"text"/],
    ['{"text": "没有 intent"}', /^off-x\.jsonl:2: expected \{"text"/],
  ])('names the file and line of %s', (bad, message) => {
    expect(() => parseTrainingFile(`{"text": "好的一行", "intent": null}\n${bad}\n`, 'off-x.jsonl')).toThrow(message)
  })
})
