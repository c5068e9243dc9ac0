import type { ScheduledTip, ShownSubscription } from '../tips'
import { Layout } from './layout'

function Schedule(props: { chatId: string; tips: ScheduledTip[]; subs: ShownSubscription[]; timeZone: string }) {
  return (
    <section class="panel">
      <h2>接下来 {props.tips.length} 天的小贴士</h2>
      <form method="get" action="/console/tips" class="filters">
        <label>
          会话 ID
          <input name="chat" value={props.chatId} list="subscribed-chats" placeholder="不填 = 默认顺序" size={28} />
        </label>
        <datalist id="subscribed-chats">
          {props.subs.map((s) => (
            <option value={s.chatId}>{s.platform}</option>
          ))}
        </datalist>
        <button type="submit">查看</button>
        <span class="muted">日期按 {props.timeZone}；每个会话的顺序不同，和每日推送、/tip、cli tip 用同一个排期。</span>
      </form>
      <table id="tip-schedule">
        <thead>
          <tr>
            <th>日期</th>
            <th>小贴士</th>
            <th>话题</th>
            <th>出处</th>
          </tr>
        </thead>
        <tbody>
          {props.tips.map((t) => (
            <tr>
              <td class="nowrap">{t.date}</td>
              <td>{t.text}</td>
              <td>{t.topic ?? '—'}</td>
              <td class="muted">{t.section}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

function Subscriptions(props: { subs: ShownSubscription[] }) {
  return (
    <section class="panel">
      <h2>订阅了每日小贴士的会话（{props.subs.length}）</h2>
      <table id="subscriptions">
        <thead>
          <tr>
            <th>平台</th>
            <th>会话 ID</th>
            <th>订阅时间</th>
            <th>群机器人地址</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          {props.subs.map((s) => (
            <tr>
              <td>{s.platform === 'feishu' ? '飞书' : '企业微信'}</td>
              <td>
                <a href={`/console/tips?chat=${encodeURIComponent(s.chatId)}`}>{s.chatId}</a>
              </td>
              <td>{s.since.slice(0, 16).replace('T', ' ')}</td>
              <td class="muted">{s.webhook ?? '—'}</td>
              <td>
                <form data-api="/console/api/unsubscribe" class="inline">
                  <input type="hidden" name="platform" value={s.platform} />
                  <input type="hidden" name="chatId" value={s.chatId} />
                  <button type="submit">退订</button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.subs.length === 0 ? <p class="muted">还没有会话订阅。飞书群加入机器人时自动订阅；企业微信群在下面添加，或在群里发 /订阅 &lt;地址&gt;。</p> : null}
      <h2>添加企业微信群（群机器人 webhook）</h2>
      <form data-api="/console/api/subscriptions" class="filters" id="add-wecom">
        <label>
          会话 ID <input name="chatId" required size={24} />
        </label>
        <label>
          Webhook 地址 <input name="webhookUrl" required size={60} placeholder="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…" />
        </label>
        <button type="submit" class="primary">
          添加
        </button>
        <p class="form-error error" hidden></p>
      </form>
    </section>
  )
}

export function TipsPage(props: { chatId: string; tips: ScheduledTip[]; subs: ShownSubscription[]; timeZone: string }) {
  return (
    <Layout title="小贴士与订阅" section="tips">
      <Schedule {...props} />
      <Subscriptions subs={props.subs} />
    </Layout>
  )
}
