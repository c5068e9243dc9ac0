import * as z from 'zod'

// Envelopes Feishu posts to the webhook (protocols.md §1, §2, §5, §6). Unknown fields are kept, not rejected.

export const UrlVerification = z.looseObject({
  type: z.literal('url_verification'),
  challenge: z.string(),
  token: z.string().optional(),
})

export const EventHeader = z.looseObject({
  event_id: z.string(),
  event_type: z.string(),
  token: z.string().optional(),
  app_id: z.string().optional(),
  create_time: z.string().optional(),
})

export const EventEnvelope = z.looseObject({
  schema: z.literal('2.0'),
  header: EventHeader,
  event: z.record(z.string(), z.unknown()),
})

const UserIds = z.looseObject({ open_id: z.string().optional(), user_id: z.string().optional(), union_id: z.string().optional() })

export const MessageReceive = z.looseObject({
  sender: z.looseObject({ sender_id: UserIds, sender_type: z.string().optional() }),
  message: z.looseObject({
    message_id: z.string().min(1),
    chat_id: z.string().min(1),
    chat_type: z.string(),
    message_type: z.string(),
    content: z.string(),
    mentions: z.array(z.looseObject({ key: z.string(), id: UserIds, name: z.string().optional() })).optional(),
  }),
})

export const CardAction = z.looseObject({
  operator: z.looseObject({ open_id: z.string().optional(), user_id: z.string().optional() }),
  token: z.string().optional(),
  action: z.looseObject({ value: z.unknown(), tag: z.string().optional() }),
  context: z.looseObject({ open_message_id: z.string().optional(), open_chat_id: z.string().optional() }).optional(),
  open_message_id: z.string().optional(),
  open_chat_id: z.string().optional(),
})

export const BotMembership = z.looseObject({ chat_id: z.string().min(1) })

export type MessageReceiveEvent = z.infer<typeof MessageReceive>
export type CardActionEvent = z.infer<typeof CardAction>
