// The knowledge files' build-time validation (src/knowledge/validated.ts): current for the files in this tree, and
// skipping the schemas only for exactly the content they passed.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { buildKnowledge, knowledgeFingerprint, loadKnowledge, validatedFingerprint } from '../../src/knowledge/knowledge'
import { VALIDATED_KNOWLEDGE } from '../../src/knowledge/validated'

const json = (p: string) => JSON.parse(readFileSync(fileURLToPath(new URL(`../../${p}`, import.meta.url)), 'utf8')) as Record<string, unknown>
const intents = json('knowledge/intents.json')
const tips = json('knowledge/tips.json')

describe('validated knowledge fingerprint', () => {
  it('is the fingerprint of the knowledge files in this tree, which pass the schemas unchanged', () => {
    expect(validatedFingerprint(intents, tips) === VALIDATED_KNOWLEDGE, 'src/knowledge/validated.ts is stale: run `npm run artifacts`').toBe(true)
  })

  it('gives the same knowledge as parsing the files', () => {
    expect(loadKnowledge()).toEqual(buildKnowledge(intents, tips))
  })

  it('changes with any edit, so edited files are parsed again', () => {
    const edited = { ...intents, version: `${String(intents.version)}-edited` }
    expect(knowledgeFingerprint(edited, tips)).not.toBe(VALIDATED_KNOWLEDGE)
    const badTip = { tips: [...(tips.tips as object[]), { id: 'Bad Id', text: 'x', section: '' }] }
    expect(knowledgeFingerprint(intents, badTip)).not.toBe(VALIDATED_KNOWLEDGE)
    expect(() => validatedFingerprint(intents, badTip)).toThrow()
  })
})
