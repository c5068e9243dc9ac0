// The words of a question to quote back on the near-miss card: the clause that asks the uncovered thing,
// without greetings, "请问", the platform's name, and trailing particles.

const LEADING = /^(?:请问|想问下?|问一下|问下|我想问(?:一下|下)?|求问|想知道|有人知道|大家|姐妹们|宝子们|那个|就是)+|^(?:在)?小红书(?:上|里|的)?|^(?:在)?平台(?:上|里)?/
const TRAILING = /(?:比较|更|最)?(?:好看|合适|好|靠谱|方便)?(?:啊|呀|呢|吗|吧|嘛|哦|啦|呗|么|的)*$/

export function quotePhrase(clauses: { text: string }[], term: string): string {
  const clause = clauses.find((c) => c.text.includes(term)) ?? clauses[clauses.length - 1]
  let text = (clause?.text ?? term).replace(/\s+/g, ' ').trim()
  for (let k = 0; k < 3; k++) text = text.replace(LEADING, '').trim()
  text = text.replace(TRAILING, '').trim() || term
  return text.length > 24 ? `${text.slice(0, 23)}…` : text
}
