import { BareLayout } from './layout'

export function LoginPage(props: { next: string; error?: string }) {
  return (
    <BareLayout title="登录">
      <h1>红书参谋 · 控制台</h1>
      <p class="muted">输入服务器上设置的 <code>CONSOLE_TOKEN</code> 登录。</p>
      <form method="post" action="/console/login" class="login">
        <input type="hidden" name="next" value={props.next} />
        <label>
          控制台令牌
          <input type="password" name="token" autocomplete="current-password" required minlength={16} autofocus />
        </label>
        {props.error ? (
          <p class="error" role="alert">
            {props.error}
          </p>
        ) : null}
        <button type="submit" class="primary">
          登录
        </button>
      </form>
    </BareLayout>
  )
}
