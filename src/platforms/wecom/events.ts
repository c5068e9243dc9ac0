import * as z from 'zod'

// Decrypted 智能机器人 callbacks (protocols.md §8; developer.work.weixin.qq.com /path/100719 and /path/101027).
// Unknown fields are kept, not rejected: WeCom adds fields over time.

/** The outer POST body, before decryption. */
export const EncryptedBody = z.looseObject({ encrypt: z.string().min(1) })

const Text = z.looseObject({ content: z.string() })

const MixedItem = z.looseObject({
  msgtype: z.string(),
  text: Text.optional(),
  image: z.looseObject({ url: z.string().optional() }).optional(),
})

export const TemplateCardEvent = z.looseObject({
  card_type: z.string().optional(),
  event_key: z.string().optional(),
  task_id: z.string().optional(),
})

export const CallbackEvent = z.looseObject({
  eventtype: z.string(),
  template_card_event: TemplateCardEvent.optional(),
})

/** Fields every callback carries; chatid only in groups, response_url only where an active reply is allowed. */
export const Callback = z.looseObject({
  msgid: z.string().min(1),
  aibotid: z.string().optional(),
  chatid: z.string().optional(),
  chattype: z.enum(['single', 'group']).optional(),
  from: z.looseObject({ userid: z.string(), corpid: z.string().optional() }),
  response_url: z.string().optional(),
  msgtype: z.string(),
  text: Text.optional(),
  voice: Text.optional(),
  mixed: z.looseObject({ msg_item: z.array(MixedItem) }).optional(),
  stream: z.looseObject({ id: z.string() }).optional(),
  event: CallbackEvent.optional(),
})

export type Callback = z.infer<typeof Callback>
export type TemplateCardEvent = z.infer<typeof TemplateCardEvent>
