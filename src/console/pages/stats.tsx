import type { Knowledge } from '../../knowledge/knowledge'
import type { ConsoleStats } from '../stats'
import { DailyChart } from './chart'
import { Layout } from './layout'

export const STATS_DAY_CHOICES = [7, 14, 30] as const

function Figure(props: { label: string; value: string | number; id: string }) {
  return (
    <div class="figure" id={props.id}>
      <span class="muted">{props.label}</span>
      <b>{props.value}</b>
    </div>
  )
}

export function StatsPage(props: { data: ConsoleStats; knowledge: Knowledge; logDays: number; chats: string[]; chat: string }) {
  const { stats, perDay, topicVotes } = props.data
  const title = (intent: string) => props.knowledge.byId.get(intent)?.title ?? intent
  return (
    <Layout title="统计" section="stats">
      <form method="get" action="/console/stats" class="filters panel">
        <label>
          最近
          <select name="days">
            {STATS_DAY_CHOICES.map((d) => (
              <option value={String(d)} selected={d === stats.days}>
                {d} 天
              </option>
            ))}
          </select>
        </label>
        <label>
          会话
          <select name="chat">
            <option value="">全部（/统计 的「全部群」、cli stats）</option>
            {props.chats.map((c) => (
              <option value={c} selected={c === props.chat}>
                {c}（/统计 的「本群」）
              </option>
            ))}
          </select>
        </label>
        <button type="submit">查看</button>
        <span class="muted">
          {stats.from} ~ {stats.to}；数字和 /统计、cli stats 出自同一个函数。问题日志保留 {props.logDays} 天。
        </span>
      </form>
      <div class="cards">
        <Figure id="stat-questions" label="提问" value={stats.questions} />
        <Figure id="stat-answered" label="回答了" value={stats.answered} />
        <Figure id="stat-share" label="回答率" value={`${Math.round(stats.answeredShare * 100)}%`} />
        <Figure id="stat-unanswered" label="没回答" value={stats.unanswered} />
        <Figure id="stat-up" label="👍" value={stats.up} />
        <Figure id="stat-down" label="👎" value={stats.down} />
        {stats.askers !== undefined ? <Figure id="stat-askers" label="提问的人" value={stats.askers} /> : null}
      </div>
      {stats.partial ? <p class="muted">这个会话的日志已满（最近 500 条），更早的提问没算进来。</p> : null}
      <h2>每天</h2>
      <DailyChart perDay={perDay} />
      <h2>热门话题</h2>
      <table id="top-topics">
        <thead>
          <tr>
            <th>话题</th>
            <th class="num">提问</th>
            <th class="num">👍</th>
            <th class="num">👎</th>
          </tr>
        </thead>
        <tbody>
          {stats.topTopics.map((t) => (
            <tr>
              <td>
                <a href={`/console/questions?intent=${encodeURIComponent(t.intent)}&days=${stats.days}&chat=${encodeURIComponent(props.chat)}`}>{title(t.intent)}</a>
              </td>
              <td class="num">{t.count}</td>
              <td class="num">{topicVotes[t.intent]?.up ?? 0}</td>
              <td class="num">{topicVotes[t.intent]?.down ?? 0}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {stats.topTopics.length === 0 ? <p class="muted">这段时间没有回答过问题。</p> : null}
      <h2>没回答的热门问题</h2>
      <table id="top-unanswered">
        <thead>
          <tr>
            <th>问题</th>
            <th class="num">次数</th>
          </tr>
        </thead>
        <tbody>
          {stats.topUnanswered.map((u) => (
            <tr>
              <td>{u.text}</td>
              <td class="num">{u.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <a href={`/console/questions?unanswered=1&days=${stats.days}&chat=${encodeURIComponent(props.chat)}`}>去「问题」页把它们教给某个话题 →</a>
      </p>
    </Layout>
  )
}
