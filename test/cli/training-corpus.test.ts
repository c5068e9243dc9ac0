// The operator's tools judge an edited knowledge file with the model the next `npm run artifacts` ships: trained with
// the training corpus (knowledge/training/), not on the knowledge alone as a Worker that retrains would be.
import { describe, expect, it } from 'vitest'
import { matcherAsBuilt } from '../../src/cli/training-corpus'
import { lintKnowledge } from '../../src/knowledge/lint'
import { loadKnowledge } from '../../src/knowledge/knowledge'
import { createMatcher, getMatcher } from '../../src/matcher/matcher'

const knowledge = loadKnowledge()
const [first, ...rest] = knowledge.intents
// any edit: the artifact no longer fits, so the matcher is trained
const edited = { ...knowledge, intents: [{ ...first!, phrasings: [...first!.phrasings, '今年做小红书还能赶上吗'] }, ...rest] }
// near misses the shipped bot refuses (by its scope model) and a model trained on the knowledge alone answers
const NEAR_MISSES = ['写爆款标题有什么公式吗', '探店笔记要不要加店铺定位，加了会不会被限流', '蒲公英怎么入驻']

describe('matcherAsBuilt', () => {
  it('uses the artifact for the bundled knowledge', () => {
    for (const q of NEAR_MISSES) expect(matcherAsBuilt(knowledge).match(q)).toEqual(getMatcher(knowledge).match(q))
  })

  it('trains an edited knowledge file with the training corpus, so it refuses what the shipped bot refuses', () => {
    const asBuilt = matcherAsBuilt(edited)
    const knowledgeOnly = createMatcher(edited)
    for (const q of NEAR_MISSES) {
      expect(getMatcher(knowledge).match(q).intent).toBeNull()
      expect(asBuilt.match(q).intent).toBeNull()
      expect(knowledgeOnly.match(q).intent).not.toBeNull()
    }
  })

  it('is what the knowledge lint judges with when the CLI passes it', () => {
    const { byId: _byId, tips, ...file } = edited
    const built: string[] = []
    lintKnowledge(file, { tips }, { matcherFor: (k) => (built.push('built'), matcherAsBuilt(k)) })
    expect(built).toEqual(['built'])
  })
})
