import * as z from 'zod'
import type { ButtonAction } from './message'

const intent = z.string().regex(/^[a-z][a-z0-9-]*$/).max(40)
/** A question-log id (src/insights): base-36 time and randomness. Only the shape is checked here; its handler looks it up. */
export const QUESTION_ID = /^[0-9a-z]{8,20}$/
const question = z.string().regex(QUESTION_ID)

/** Validates a button value that came back from a platform: it crossed the network, so it is untrusted input. */
export const ButtonActionSchema: z.ZodType<ButtonAction> = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ask'), intent }),
  z.object({ type: z.literal('feedback'), intent, vote: z.enum(['up', 'down']), question: question.optional() }),
  z.object({ type: z.literal('command'), command: z.string().min(1).max(200) }),
  z.object({ type: z.literal('teach'), question, intent }),
])

export function parseButtonAction(value: unknown): ButtonAction | null {
  const parsed = ButtonActionSchema.safeParse(value)
  return parsed.success ? parsed.data : null
}
