// Questions per day (bars: answered below, unanswered above) and the answered share (line), as inline SVG drawn on
// the server: no script, no chart library. Colours are SVG attributes, which the CSP's style-src does not govern.
import type { DayCount } from '../stats'

const W = 760
const H = 240
const PAD = { left: 40, right: 44, top: 16, bottom: 34 }
const ANSWERED = '#3370ff'
const UNANSWERED = '#c9cdd4'
const SHARE = '#ff8800'

const pct = (x: number) => `${Math.round(x * 100)}%`

export function DailyChart(props: { perDay: DayCount[] }) {
  const days = props.perDay
  const plotW = W - PAD.left - PAD.right
  const plotH = H - PAD.top - PAD.bottom
  const max = Math.max(1, ...days.map((d) => d.questions))
  const slot = plotW / Math.max(1, days.length)
  const bar = Math.max(2, slot * 0.6)
  const y = (count: number) => PAD.top + plotH - (count / max) * plotH
  const x = (i: number) => PAD.left + i * slot + (slot - bar) / 2
  const labelEvery = Math.ceil(days.length / 10)
  const share = days.flatMap((d, i) => (d.questions ? [{ cx: x(i) + bar / 2, cy: PAD.top + plotH * (1 - d.answered / d.questions), d }] : []))
  return (
    <svg class="chart" id="daily-chart" viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label="每天的提问数和回答率">
      <line x1={PAD.left} y1={PAD.top + plotH} x2={W - PAD.right} y2={PAD.top + plotH} stroke="#dee0e3" />
      <text x={PAD.left - 6} y={PAD.top + 4} text-anchor="end">
        {max}
      </text>
      <text x={PAD.left - 6} y={PAD.top + plotH} text-anchor="end">
        0
      </text>
      <text x={W - PAD.right + 6} y={PAD.top + 4}>100%</text>
      <text x={W - PAD.right + 6} y={PAD.top + plotH}>0%</text>
      {days.map((d, i) => (
        <g data-date={d.date} data-questions={d.questions} data-answered={d.answered}>
          <title>{`${d.date}：${d.questions} 个问题，回答 ${d.answered} 个${d.questions ? `（${pct(d.answered / d.questions)}）` : ''}`}</title>
          <rect x={x(i)} y={y(d.questions)} width={bar} height={y(d.answered) - y(d.questions)} fill={UNANSWERED} />
          <rect x={x(i)} y={y(d.answered)} width={bar} height={PAD.top + plotH - y(d.answered)} fill={ANSWERED} />
          {i % labelEvery === 0 ? (
            <text x={x(i) + bar / 2} y={H - PAD.bottom + 16} text-anchor="middle">
              {d.date.slice(5)}
            </text>
          ) : null}
        </g>
      ))}
      {share.length > 1 ? <polyline points={share.map((p) => `${p.cx},${p.cy}`).join(' ')} fill="none" stroke={SHARE} stroke-width="2" /> : null}
      {share.map((p) => (
        <circle cx={p.cx} cy={p.cy} r="3" fill={SHARE} />
      ))}
      <g>
        <rect x={PAD.left} y={H - 12} width="10" height="10" fill={ANSWERED} />
        <text x={PAD.left + 14} y={H - 3}>回答了</text>
        <rect x={PAD.left + 70} y={H - 12} width="10" height="10" fill={UNANSWERED} />
        <text x={PAD.left + 84} y={H - 3}>没回答</text>
        <line x1={PAD.left + 140} y1={H - 7} x2={PAD.left + 156} y2={H - 7} stroke={SHARE} stroke-width="2" />
        <text x={PAD.left + 160} y={H - 3}>回答率</text>
      </g>
    </svg>
  )
}
