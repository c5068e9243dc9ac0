// The taught phrasings in the store (under REDIS_PREFIX). Kept without TTL: they are knowledge, until
// `cli knowledge pull` folds them into knowledge/intents.json.

/** Hash: canonical text → JSON TaughtPhrasing. */
export const TAUGHT_KEY = 'taught:phrasings'
/** Counter bumped after every change to TAUGHT_KEY; instances reload their overlay when it moves. */
export const TAUGHT_VERSION_KEY = 'taught:version'
/** Taught phrasings allowed at once: the overlay stays small, and `knowledge pull` is the way to make room. */
export const MAX_TAUGHT = 500
