// `npm run matcher:artifact`: regenerates src/matcher/artifact/index-artifact.ts from knowledge/intents.json (the
// matcher's corpus rows and trained weights, see src/matcher/artifact/format.ts). Run it after any change to the
// knowledge's phrasings, titles, keywords, synonyms or out-of-scope examples, or to the matcher's features, tuning or
// training: until then the Worker builds the index at start-up (the artifact's fingerprint no longer matches) and
// test/matcher/index-artifact.test.ts fails.
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { loadKnowledge } from '../src/knowledge/knowledge'
import { artifactModule } from '../src/matcher/artifact/module'
import { encodeIndexArtifact } from '../src/matcher/artifact/encode'

const out = fileURLToPath(new URL('../src/matcher/artifact/index-artifact.ts', import.meta.url))
const artifact = encodeIndexArtifact(loadKnowledge())
writeFileSync(out, artifactModule(artifact))
console.log(`wrote ${out}: ${(artifact.data.length / 1024).toFixed(0)} KiB of base64, fingerprint ${artifact.fingerprint}`)
