// Live knowledge: phrasings taught in chat or from the CLI, kept in the store beside the bundled knowledge.
export { teach, forget, listTaught, clearTaught, resolveIntent, MAX_TAUGHT_TEXT, type TeachOutcome, type ForgetOutcome } from './teach'
export { TaughtOverlay, TaughtIndex, type TaughtHit } from './overlay'
export { decideQuestion, decideNow, type AskDecision } from './decide'
export { conflictsOf, type Conflict } from './conflicts'
export { readTaught, type TaughtPhrasing } from './taught'
export { canonicalFor } from './shape'
export { MAX_TAUGHT } from '../store/keys'
