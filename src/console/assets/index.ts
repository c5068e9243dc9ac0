// The console's script and style sheet, served as files so the CSP can forbid every inline script and style.
import { Hono } from 'hono'
import type { ConsoleEnv } from '../env'
import { CARD_SCRIPT } from './card-script'
import { PAGE_SCRIPT } from './page-script'
import { STYLE } from './style'

const SCRIPT = `'use strict';\n${CARD_SCRIPT}\n${PAGE_SCRIPT}`

export const ASSET_PATHS = { js: '/console/assets/console.js', css: '/console/assets/console.css' } as const

export function assetRoutes() {
  const app = new Hono<ConsoleEnv>()
  // Nothing secret in them, and the sign-in page needs them before anyone has signed in.
  app.get('/assets/console.js', (c) => c.body(SCRIPT, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' }))
  app.get('/assets/console.css', (c) => c.body(STYLE, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'no-cache' }))
  return app
}
