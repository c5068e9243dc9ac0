// The least a webhook Worker can be: Hono reading a JSON body. The cold-start section compares against it.
import { Hono } from 'hono'

export default new Hono().post('/webhook/feishu', async (c) => c.json({ got: Object.keys(await c.req.json()).length }))
