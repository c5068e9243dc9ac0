// This helper's handlers in the order they must run (the ask handler is a catch-all, so it goes last;
// title-check and command handlers belong between followUpHandler and askHandler).
import { askHandler } from './ask'
import { askButtonHandler } from './button'
import { followUpHandler } from './follow-up'
import { helpHandler } from './help'

export { askHandler, askButtonHandler, followUpHandler, helpHandler }
export const knowledgeHandlersFirst = [askButtonHandler, helpHandler, followUpHandler] as const
export const knowledgeHandlersLast = [askHandler] as const
