import type * as z from 'zod'
import type { ConsoleContext } from './env'

export const MAX_API_BODY_BYTES = 64 * 1024

/** The request's JSON body checked against `schema`, or a 400 response with a one-line reason. */
export async function readJson<T extends z.ZodType>(c: ConsoleContext, schema: T): Promise<{ ok: true; value: z.infer<T> } | { ok: false; response: Response }> {
  let raw: unknown
  try {
    raw = JSON.parse(await c.req.text())
  } catch {
    return { ok: false, response: c.json({ error: 'body is not JSON' }, 400) }
  }
  const parsed = schema.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : ''
    return { ok: false, response: c.json({ error: `${where}${issue?.message ?? 'invalid body'}` }, 400) }
  }
  return { ok: true, value: parsed.data }
}
