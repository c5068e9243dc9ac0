import type { Child } from 'hono/jsx'
import type { ConsoleContext } from '../env'
import { ASSET_PATHS } from '../assets'

export type Section = 'playground' | 'questions' | 'stats' | 'tips'

const NAV: { id: Section; href: string; label: string }[] = [
  { id: 'playground', href: '/console/playground', label: '对话测试' },
  { id: 'questions', href: '/console/questions', label: '问题' },
  { id: 'stats', href: '/console/stats', label: '统计' },
  { id: 'tips', href: '/console/tips', label: '小贴士与订阅' },
]

function Head(props: { title: string }) {
  return (
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="robots" content="noindex" />
      <title>{props.title} · 红书参谋控制台</title>
      <link rel="stylesheet" href={ASSET_PATHS.css} />
      <script src={ASSET_PATHS.js} defer></script>
    </head>
  )
}

/** Every signed-in page: the navigation, a sign-out button, the page's content. */
export function Layout(props: { title: string; section: Section; children?: Child }) {
  return (
    <html lang="zh-CN">
      <Head title={props.title} />
      <body data-page={props.section}>
        <header class="top">
          <span class="brand">红书参谋 · 控制台</span>
          <nav>
            {NAV.map((n) => (
              <a href={n.href} class={n.id === props.section ? 'active' : undefined} aria-current={n.id === props.section ? 'page' : undefined}>
                {n.label}
              </a>
            ))}
          </nav>
          <form method="post" action="/console/logout" class="logout">
            <button type="submit">退出</button>
          </form>
        </header>
        <main>
          <h1>{props.title}</h1>
          {props.children}
        </main>
      </body>
    </html>
  )
}

/** The sign-in page has no navigation: nothing behind it is reachable yet. */
export function BareLayout(props: { title: string; children?: Child }) {
  return (
    <html lang="zh-CN">
      <Head title={props.title} />
      <body data-page="login">
        <main class="narrow">{props.children}</main>
      </body>
    </html>
  )
}

/** Sends a page as a complete HTML document. */
export async function sendPage(c: ConsoleContext, page: Child, status: 200 | 400 | 401 | 429 = 200): Promise<Response> {
  const html = await Promise.resolve(String(await page))
  return c.html(`<!DOCTYPE html>${html}`, status)
}
