import { DEFAULT_USER } from '../ask'
import { Layout } from './layout'

const EXAMPLES = ['新号现在做还有流量吗', '直播带货还能做吗', '展开说说', '标题检查 全网最低价！加V领取最好用的面霜', '/tip', '今天天气怎么样', '帮助']

function Choice(props: { name: string; value: string; label: string; checked?: boolean }) {
  return (
    <label>
      <input type="radio" name={props.name} value={props.value} checked={props.checked} />
      {props.label}
    </label>
  )
}

/** Chat with the bot through its real dispatch path; the script (assets/page-script.ts) does the talking. */
export function PlaygroundPage(props: { adminIds: readonly string[] }) {
  return (
    <Layout title="对话测试" section="playground">
      <p class="muted">
        消息走机器人真实的处理流程（指令、标题检查、追问、闲聊、提问），会话和问题日志照常记录；这里不限速。
        {props.adminIds.length === 0 ? ' ADMIN_IDS 未设置：生产环境里所有人都能 /订阅，教学指令会被拒绝。' : null}
      </p>
      <form id="pg-settings" class="panel settings">
        <fieldset>
          <legend>平台</legend>
          <Choice name="platform" value="feishu" label="飞书" checked />
          <Choice name="platform" value="wecom" label="企业微信" />
        </fieldset>
        <fieldset>
          <legend>场景</legend>
          <Choice name="chatType" value="group" label="群聊（@机器人）" checked />
          <Choice name="chatType" value="p2p" label="私聊" />
        </fieldset>
        <fieldset>
          <legend>身份</legend>
          <Choice name="role" value="member" label="成员" checked />
          <Choice name="role" value="admin" label="管理员" />
        </fieldset>
        <label>
          会话 ID <input name="chatId" placeholder="console-group / console-p2p" size={18} />
        </label>
        <label>
          用户 ID <input name="userId" placeholder={DEFAULT_USER} size={16} />
        </label>
      </form>
      <div id="transcript" class="transcript panel" aria-live="polite"></div>
      <form id="pg-form" class="composer">
        <input name="text" id="pg-text" placeholder="像群成员一样输入，例如：新号现在做还有流量吗" autocomplete="off" maxlength={2000} />
        <button type="submit" class="primary">
          发送
        </button>
      </form>
      <div class="chips">
        {EXAMPLES.map((t) => (
          <button type="button" data-say={t}>
            {t}
          </button>
        ))}
      </div>
    </Layout>
  )
}
