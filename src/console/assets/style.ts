// The console's one style sheet, served from /console/assets/ (the CSP allows no inline style).
export const STYLE = `
:root { --fg: #1f2329; --muted: #8f959e; --line: #dee0e3; --bg: #f5f6f7; --accent: #3370ff; --err: #d83931; --ok: #2ea121; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.6 -apple-system, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color: var(--fg); background: var(--bg); }
header.top { display: flex; align-items: center; gap: 24px; padding: 10px 24px; background: #fff; border-bottom: 1px solid var(--line); }
.brand { font-weight: 600; }
nav { display: flex; gap: 16px; flex: 1; }
nav a { color: var(--fg); text-decoration: none; padding: 4px 2px; }
nav a.active { color: var(--accent); border-bottom: 2px solid var(--accent); }
main { max-width: 1080px; margin: 0 auto; padding: 16px 24px 48px; }
main.narrow { max-width: 420px; padding-top: 12vh; }
h1 { font-size: 20px; margin: 8px 0 16px; }
h2 { font-size: 16px; margin: 24px 0 8px; }
.muted { color: var(--muted); }
.error { color: var(--err); }
.ok { color: var(--ok); }
button { font: inherit; padding: 4px 12px; border: 1px solid var(--line); border-radius: 6px; background: #fff; cursor: pointer; }
button.primary { background: var(--accent); color: #fff; border-color: var(--accent); }
input, select { font: inherit; padding: 4px 8px; border: 1px solid var(--line); border-radius: 6px; }
label { display: inline-flex; gap: 6px; align-items: center; }
form.login { display: grid; gap: 12px; background: #fff; padding: 20px; border-radius: 8px; }
form.login label { display: grid; }
.panel { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; margin-bottom: 16px; }
.settings { display: flex; flex-wrap: wrap; gap: 8px 20px; align-items: center; }
.settings fieldset { border: 0; padding: 0; margin: 0; display: inline-flex; gap: 8px; }
.settings legend { float: left; margin-right: 6px; color: var(--muted); }
.transcript { display: flex; flex-direction: column; gap: 10px; min-height: 240px; }
.bubble { max-width: 560px; }
.bubble.user { align-self: flex-end; background: #cce0ff; padding: 6px 12px; border-radius: 10px; white-space: pre-wrap; }
.bubble.user.pressed { background: #e8e9eb; color: #646a73; font-size: 13px; }
.bubble.bot { align-self: flex-start; }
.meta { color: var(--muted); font-size: 12px; margin-top: 4px; }
.toast { background: #1f2329; color: #fff; padding: 6px 14px; border-radius: 6px; display: inline-block; }
.composer { display: flex; gap: 8px; margin-top: 12px; }
.composer input { flex: 1; }
.chips { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 8px; }
.chips button { border-radius: 14px; font-size: 13px; }
.fs-card { width: 520px; max-width: 100%; background: #fff; border-radius: 8px; border: 1px solid var(--line); overflow: hidden; }
.fs-header { padding: 10px 14px; font-weight: 600; color: #fff; }
.tone-blue .fs-header { background: #3370ff; } .tone-green .fs-header { background: #34b263; }
.tone-orange .fs-header { background: #ff8800; } .tone-red .fs-header { background: #f54a45; }
.tone-grey .fs-header { background: #8f959e; } .tone-purple .fs-header { background: #7f3bf5; }
.fs-body { padding: 10px 14px; display: grid; gap: 8px; }
.fs-body p, .md p { margin: 0 0 4px; }
.md ul, .md ol { margin: 0 0 4px; padding-left: 20px; }
.md blockquote { margin: 0; padding-left: 8px; border-left: 3px solid var(--line); color: var(--muted); }
.fs-note { color: var(--muted); font-size: 12px; }
.fs-row { display: flex; flex-wrap: wrap; gap: 8px; }
.fs-btn { flex: 1 1 auto; }
.fs-btn-primary { background: var(--accent); color: #fff; border-color: var(--accent); }
.fs-btn-danger { color: var(--err); }
.font-comment, .font-grey { color: var(--muted); } .font-info { color: #34b263; } .font-warning { color: #ff8800; }
.wc-msg { width: 520px; max-width: 100%; background: #fff; border-radius: 4px; padding: 10px 14px; border: 1px solid #e5e5e5; }
.wc-card { margin-top: 10px; border: 1px solid #e5e5e5; border-radius: 4px; padding: 10px; background: #fafafa; }
.wc-title { font-weight: 600; } .wc-desc { color: var(--muted); font-size: 12px; } .wc-sub { margin: 6px 0; }
.wc-buttons { display: flex; flex-wrap: wrap; gap: 6px; }
.wc-style-1 { background: #07c160; color: #fff; border-color: #07c160; }
table { width: 100%; border-collapse: collapse; background: #fff; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: normal; font-size: 13px; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.filters { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; }
form.teach { display: flex; gap: 6px; flex-wrap: wrap; }
.teach-result { flex-basis: 100%; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; }
.figure { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 16px; min-width: 130px; }
.figure b { display: block; font-size: 22px; }
svg.chart { background: #fff; border: 1px solid var(--line); border-radius: 8px; }
svg.chart text { font-size: 11px; fill: #646a73; }
.inline { display: inline; }
.nowrap { white-space: nowrap; }
`
