export { checkTitle, analyzeTitle, isFlagged, RULES, NOTES } from './check'
export { titleLength, graphemes, isEmoji, TITLE_LIMIT } from './length'
export { loadTitleWords, parseTitleWords, TitleWordsSchema, type TitleWords } from './words'
export type { TitleIssue, TitleReport, Severity, CheckOptions } from './types'
