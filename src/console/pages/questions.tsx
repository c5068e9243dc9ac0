import type { QuestionView } from '../../insights'
import type { Knowledge } from '../../knowledge/knowledge'
import type { TaughtPhrasing } from '../../teach'
import type { QuestionFilters } from '../questions'
import { Layout } from './layout'

const DAY_CHOICES = [1, 7, 30]

function when(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('zh-CN', { timeZone, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(at)
}

function Filters(props: { f: QuestionFilters; knowledge: Knowledge; chats: string[] }) {
  const { f } = props
  return (
    <form method="get" action="/console/questions" class="filters panel" id="question-filters">
      <label>
        <input type="checkbox" name="unanswered" value="1" checked={f.unanswered} /> 没回答的
      </label>
      <label>
        <input type="checkbox" name="downvoted" value="1" checked={f.downvoted} /> 有 👎 的
      </label>
      <label>
        话题
        <select name="intent">
          <option value="">全部</option>
          {props.knowledge.intents.map((i) => (
            <option value={i.id} selected={i.id === f.intent}>
              {i.title}
            </option>
          ))}
        </select>
      </label>
      <label>
        会话
        <select name="chat">
          <option value="">全部</option>
          {props.chats.map((c) => (
            <option value={c} selected={c === f.chat}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <label>
        时间
        <select name="days">
          <option value="">日志里的全部</option>
          {DAY_CHOICES.map((d) => (
            <option value={String(d)} selected={d === f.days}>
              最近 {d} 天
            </option>
          ))}
        </select>
      </label>
      <button type="submit">筛选</button>
    </form>
  )
}

/** One click teaches the question to the chosen topic (the closest candidate is preselected). */
function TeachForm(props: { q: QuestionView; knowledge: Knowledge }) {
  const preselect = props.q.candidates[0] ?? props.q.intent ?? ''
  return (
    <form class="teach" data-text={props.q.text}>
      <select name="intent" aria-label="教给哪个话题">
        {props.knowledge.intents.map((i) => (
          <option value={i.id} selected={i.id === preselect}>
            {i.title}
          </option>
        ))}
      </select>
      <label class="muted">
        <input type="checkbox" name="force" value="1" /> 强制
      </label>
      <button type="submit">教给它</button>
      <div class="teach-result"></div>
    </form>
  )
}

function QuestionRow(props: { q: QuestionView; knowledge: Knowledge; timeZone: string }) {
  const { q } = props
  const topic = q.intent ? (props.knowledge.byId.get(q.intent)?.title ?? q.intent) : null
  return (
    <tr class="question">
      <td class="muted nowrap">{when(q.at, props.timeZone)}</td>
      <td class="muted">
        {q.platform}:{q.chatId}
      </td>
      <td class="q-text">{q.text}</td>
      <td>
        {topic ?? <span class="error">没回答</span>}
        <div class="muted">
          {q.score.toFixed(2)}
          {q.reason ? ` · ${q.reason}` : ''}
        </div>
      </td>
      <td class="num">{q.votes ? `👍${q.votes.up} 👎${q.votes.down}` : ''}</td>
      <td>
        <TeachForm q={q} knowledge={props.knowledge} />
      </td>
    </tr>
  )
}

function Taught(props: { taught: TaughtPhrasing[]; knowledge: Knowledge }) {
  return (
    <section class="panel">
      <h2>教过的问法（{props.taught.length}）</h2>
      <p class="muted">教过的问法马上生效，存在 store 里；`cli knowledge pull` 把它们写进 knowledge/intents.json。</p>
      <table id="taught">
        <tbody>
          {props.taught.map((p) => (
            <tr>
              <td>{p.text}</td>
              <td>→ {props.knowledge.byId.get(p.intent)?.title ?? p.intent}</td>
              <td class="muted">{p.at.slice(0, 16).replace('T', ' ')}</td>
              <td>
                <form data-api="/console/api/forget" class="inline">
                  <input type="hidden" name="text" value={p.text} />
                  <button type="submit">撤销</button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

export function QuestionsPage(props: {
  filters: QuestionFilters
  questions: QuestionView[]
  chats: string[]
  taught: TaughtPhrasing[]
  knowledge: Knowledge
  timeZone: string
  logDays: number
}) {
  return (
    <Layout title="问题" section="questions">
      <Filters f={props.filters} knowledge={props.knowledge} chats={props.chats} />
      {props.logDays === 0 ? <p class="error">QUESTION_LOG_DAYS=0：问题日志已关闭。</p> : null}
      <table id="questions">
        <thead>
          <tr>
            <th>时间</th>
            <th>会话</th>
            <th>问题</th>
            <th>机器人的判断</th>
            <th class="num">反馈</th>
            <th>教给话题</th>
          </tr>
        </thead>
        <tbody>
          {props.questions.map((q) => (
            <QuestionRow q={q} knowledge={props.knowledge} timeZone={props.timeZone} />
          ))}
        </tbody>
      </table>
      {props.questions.length === 0 ? <p class="muted">没有符合条件的问题。</p> : null}
      <Taught taught={props.taught} knowledge={props.knowledge} />
    </Layout>
  )
}
