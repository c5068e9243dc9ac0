// The question log and what is read from it (stats, unanswered questions). See keys.ts for what is stored and how long.
export { recordQuestion, recordVote, type LogSettings } from './record'
export { listQuestions, findQuestion, loggedChats, type QuestionQuery, type QuestionView } from './read'
export { computeStats, type QuestionStats, type StatsQuery } from './stats'
export { MAX_TEXT, QUESTION_ID, type Decision, type LoggedQuestion, type RandomValues } from './entry'
export { type LogLimits } from './keys'
export { QUESTION_LOG_LIMITS as LOG_LIMITS } from '../store/keys'
