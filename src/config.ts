import * as z from 'zod'
import { isTimeZone } from './insights/days'
import { validateEncodingAesKey } from './platforms/wecom/crypto'

const optional = z.string().trim().min(1).optional()
const url = (what: string) => z.url({ message: `must be ${what}` })

const ConfigSchema = z.object({
  FEISHU_APP_ID: optional,
  FEISHU_APP_SECRET: optional,
  FEISHU_VERIFICATION_TOKEN: optional,
  FEISHU_ENCRYPT_KEY: optional,
  FEISHU_API_BASE: url('an http(s) URL such as https://open.feishu.cn').default('https://open.feishu.cn'),
  WECOM_BOT_TOKEN: optional,
  WECOM_BOT_ENCODING_AES_KEY: z
    .string()
    .trim()
    .superRefine((key, ctx) => {
      const problem = validateEncodingAesKey(key)
      if (problem) ctx.addIssue({ code: 'custom', message: `${problem.replace(/^WECOM_BOT_ENCODING_AES_KEY /, '')}; copy the EncodingAESKey from the WeCom console` })
    })
    .optional(),
  WECOM_API_BASE: url('an http(s) URL such as https://qyapi.weixin.qq.com').default('https://qyapi.weixin.qq.com'),
  REDIS_URL: z
    .string()
    .trim()
    .regex(/^rediss?:\/\/[^\s]+$/, { message: 'must be a redis:// or rediss:// URL' })
    .optional(),
  // 0 lets the OS pick a free port (the start-up log names it); tests use that.
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  TIP_CRON: z.string().trim().regex(/^(\S+\s+){4}\S+$/, { message: 'must be a 5-field cron expression like "0 9 * * *"' }).default('0 9 * * *'),
  TZ_NAME: z.string().trim().refine(isTimeZone, { message: 'must be an IANA time zone like Asia/Shanghai' }).default('Asia/Shanghai'),
  ADMIN_IDS: z.string().optional().transform((s) => (s ?? '').split(',').map((x) => x.trim()).filter(Boolean)),
  TIP_AUTO_SUBSCRIBE: z.enum(['true', 'false', '1', '0']).optional().transform((v) => v !== 'false' && v !== '0'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(8),
  /** Prefix of every Redis key the bot writes, so one Redis can serve several bots (or a bot and its tests). */
  REDIS_PREFIX: z.string().trim().regex(/^[A-Za-z0-9:_.-]{1,40}$/, { message: 'must be 1-40 characters of letters, digits and : _ . -' }).default('xhs:'),
  QUESTION_LOG_DAYS: z.coerce.number().int().min(0).max(365).default(30),
  CONSOLE_TOKEN: z.string().trim().min(16, { message: 'must be at least 16 characters' }).optional(),
})

export type Config = z.infer<typeof ConfigSchema>

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.name = 'ConfigError'
  }
}

/** Reads the environment (process.env on Node, bindings on Workers). Empty strings count as unset. */
export function loadConfig(env: Record<string, unknown>): Config {
  const cleaned = Object.fromEntries(
    Object.keys(ConfigSchema.shape).map((k) => {
      const v = env[k]
      return [k, typeof v === 'string' && v.trim() === '' ? undefined : v]
    }),
  )
  const parsed = ConfigSchema.safeParse(cleaned)
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`))
  }
  return parsed.data
}
