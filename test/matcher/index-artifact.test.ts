// The matcher's build-time artifact (src/matcher/artifact): current for the knowledge and code in this tree, used
// for the bundled knowledge, refused for any other, and deciding as the trained model does.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { loadKnowledge } from '../../src/knowledge/knowledge'
import { indexFromArtifact } from '../../src/matcher/artifact/decode'
import { encodeIndexArtifact } from '../../src/matcher/artifact/encode'
import { INDEX_ARTIFACT } from '../../src/matcher/artifact/index-artifact'
import { artifactModule } from '../../src/matcher/artifact/module'
import { buildIndex } from '../../src/matcher/build-index'
import { createMatcher, getMatcher } from '../../src/matcher/matcher'
import { loadTrainingCorpus } from '../../src/cli/training-corpus'
import { HELD_OUT_SETS, loadLabelled, TUNING_SETS } from '../helpers/labelled'

const knowledge = loadKnowledge()
const training = loadTrainingCorpus()
// trained once for the file: the artifact's scope weights and decisions are compared with the same trained index
let trainedIndex: ReturnType<typeof buildIndex> | undefined
const trained = () => (trainedIndex ??= buildIndex(knowledge, training))
const committed = readFileSync(fileURLToPath(new URL('../../src/matcher/artifact/index-artifact.ts', import.meta.url)), 'utf8')

describe('matcher index artifact', () => {
  it('is what `npm run artifacts` generates from this knowledge and this matcher code', () => {
    // Fails after any change to the knowledge's phrasings, titles, keywords, synonyms or out-of-scope examples, to the
    // training corpus, or to the features, tuning or training: run `npm run artifacts` and commit the result.
    expect(artifactModule(encodeIndexArtifact(knowledge, training)) === committed, 'src/matcher/artifact/index-artifact.ts is stale: run `npm run artifacts`').toBe(true)
  })

  it('is used for the bundled knowledge, scope model included', () => {
    const index = indexFromArtifact(knowledge, INDEX_ARTIFACT)
    expect(index).not.toBeNull()
    expect(index!.scope?.length).toBe(index!.idf.length)
  })

  it('keeps the scope model\'s weights to within a step of its int8 code', () => {
    const scope = trained().scope!
    const loaded = indexFromArtifact(knowledge, INDEX_ARTIFACT)!.scope!
    let max = 0
    for (const w of scope) max = Math.max(max, Math.abs(w))
    // companded: the step near w is 2·sqrt(|w|·max)/127 (finest near 0), half a step of error at most
    scope.forEach((w, f) => expect(Math.abs((loaded[f] as number) - w)).toBeLessThanOrEqual(Math.sqrt(Math.abs(w) * max) / 127 + (2 * max) / 127 ** 2))
  })

  it('is refused for knowledge it was not built from, which trains instead', () => {
    const [first, ...rest] = knowledge.intents
    const edited = { ...knowledge, intents: [{ ...first!, phrasings: [...first!.phrasings, '直播间怎么挂小黄车卖自己做的手账'] }, ...rest] }
    expect(indexFromArtifact(edited, INDEX_ARTIFACT)).toBeNull()
    expect(indexFromArtifact({ ...knowledge, synonyms: { ...knowledge.synonyms, 手帐: ['手账本'] } }, INDEX_ARTIFACT)).toBeNull()
    // the fallback sees the edit: the added phrasing is now the nearest document of its intent
    expect(createMatcher(edited).match('直播间怎么挂小黄车卖自己做的手账').candidates[0]?.intent).toBe(first!.id)
  })

  it('is refused when the features it was built from are not the ones this code reads (same knowledge, same counts)', () => {
    // The sixth header word is the hash of the feature keys in id order; flip it as a change to normalising that
    // renumbered features without changing how many there are would.
    const bytes = Uint8Array.from(atob(INDEX_ARTIFACT.data), (c) => c.charCodeAt(0))
    bytes[20] = (bytes[20] as number) ^ 1
    const data = btoa(String.fromCharCode(...bytes.subarray(0, 24))) + INDEX_ARTIFACT.data.slice(32)
    expect(indexFromArtifact(knowledge, { ...INDEX_ARTIFACT, data })).toBeNull()
  })

  // every labelled set: an automated equality of two models' decisions, which chooses nothing
  it('decides every question of the labelled sets as the trained model does', () => {
    const fromTraining = createMatcher(knowledge, trained())
    const loaded = getMatcher(knowledge)
    for (const file of [...TUNING_SETS, ...HELD_OUT_SETS]) {
      const differ = loadLabelled(file).filter((q) => {
        const a = fromTraining.match(q.text)
        const b = loaded.match(q.text)
        return a.intent !== b.intent || a.decision.kind !== b.decision.kind || Math.abs(a.score - b.score) > 0.01
      })
      expect(differ.map((q) => q.text), file).toEqual([])
    }
  })
})
