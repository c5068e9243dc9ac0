// Is the question about another platform's operations (going live on 抖音, 拼多多 activities) rather than
// about 小红书? A comparison with 小红书 is in scope; so is a question that only mentions another platform
// as background. Works on canonical clauses (synonyms applied: dy → 抖音, xhs → 小红书).
import type { Clause } from './clauses'

/** display name → pattern; product names count as their platform (千川 is 抖音's ad tool). */
const OTHER_PLATFORMS: [string, RegExp][] = [
  ['抖音', /抖音|某音|抖yin|(?<![a-z])d音|抖店|巨量|千川|星图|(?<![a-z])dou(?![a-z])|抖\+|抖加|随心推|团购达人|精选联盟|蝉妈妈|火山版/],
  ['快手', /快手|某手|快shou|(?<![a-z])ks(?![a-z])|磁力金牛|粉条/],
  ['视频号', /视频号|(?<![a-z])sph(?![a-z])|微信小店/],
  ['公众号', /公众号|(?<![a-z])gzh(?![a-z])|服务号|订阅号|流量主/],
  ['b站', /b站|bilibili|小破站|破站|必剪|充电计划|花火/],
  ['淘宝', /淘宝|某宝|桃宝|(?<![a-z])tb(?![a-z])|天猫|直通车|点淘|千牛|淘客|tb店|阿里妈妈|万相台|引力魔方|钻展|1688|阿里巴巴/],
  ['拼多多', /拼多多|拼夕夕|(?<![a-z])pdd(?![a-z])|多多视频|多多买菜|多多进宝|百亿补贴/],
  ['闲鱼', /闲鱼|转转/],
  ['微博', /微博|围脖|超话|黄v|粉丝通/],
  ['知乎', /知乎|某乎|逼乎|盐选|知\+/],
  ['京东', /京东|狗东|(?<![a-z])jd(?![a-z])|京挑客/],
  ['得物', /得物|唯品会/],
  ['美团', /美团|大众点评|饿了么/],
  ['今日头条', /今日头条|头条号|西瓜视频|百家号|百度|搜狐号|网易号|企鹅号|大鱼号/],
  ['豆瓣', /豆瓣|贴吧|lofter|虎扑/],
  ['喜马拉雅', /喜马拉雅|小宇宙|荔枝fm/],
  ['虎牙', /虎牙|斗鱼/],
  ['微店', /微店|有赞/],
  ['TikTok', /tiktok|(?<![a-z])tk(?![a-z])/],
  ['YouTube', /youtube|油管/],
  ['Instagram', /instagram|(?<![a-z])ins(?![a-z])/],
  ['Facebook', /facebook|(?<![a-z])fb(?![a-z])|脸书/],
  ['Twitter', /twitter|推特|threads|reddit|pinterest|linkedin|领英/],
  ['亚马逊', /亚马逊|amazon|shopee|虾皮|lazada|temu|shein|速卖通/],
]
// Only as the first word of a clause ("微信怎么建群"): "把客户加到微信" is 私域, which the article covers.
const LEADING_ONLY: [string, RegExp][] = [['微信', /^(?:企业)?微信(?!上|里|号)|^朋友圈/], ['QQ', /^qq/]]

// "平台会不会…" at the start of a clause is this bot's platform.
const XIAOHONGSHU = /小红书|蒲公英|薯条|聚光|千帆|薯店|薯队长|红书|^(?:这个)?平台/
// "为什么说…淘宝…" asks about what the article says, not how to run a shop there.
const ABOUT_THE_ARTICLE = /^(?:为什么|为啥|凭什么|怎么)说|^(?:文章|作者|文中)/
// Comparing platforms is what platform-compare answers. These words compare with 小红书 even when it goes
// unnamed ("抖音的流量是不是更大"); choosing words need both sides named ("抖音新号还是老号好" is not a comparison).
const COMPARING = /比(?!较|例)|对比|相比|区别|差异|差别|不同|不一样|一样吗|转战|转到|搬到|迁移|同步|(?:哪个|哪些|别的|其他|[两三四五几多]个|多|各个?|跨|全)平台|平台之间|(?:跟|和|像|与)\S{1,8}一样|两边|优势|好在哪|参考|借鉴|灵感|(?<![a-z])vs(?![a-z])|(?<!让|被)更(?:大|多(?!人)|好(?!看)|容易|适合|快|难|火|卷)/
const CHOOSING = /哪个|哪家|哪边|哪一个|还是|选/

// "公众号推文打开率只有1%，怎么提高": a clause that opens with a platform's own things (its posts, videos, shop,
// data) sets the subject of the question after it, even when that question names nothing. "抖音做了一年没起色"
// is the asker's history, not a subject.
const OWNED = /^(?:的|上的?|里的?)?(?:新号|新账号|作品|笔记|推文|文章|视频|直播间?|账号|号|店铺?|小店|粉丝|数据|流量|播放|商品|订单|评论|私信|后台|橱窗|up主|主播|商家)/
const PATTERN = new Map(OTHER_PLATFORMS)
const EVERY_MATCH = new Map(OTHER_PLATFORMS.map(([name, re]) => [name, new RegExp(re.source, 'g')]))

function leadingSubject(text: string, others: string[]): string | null {
  for (const name of others) {
    const m = PATTERN.get(name)?.exec(text)
    if (m && /^在?$/.test(text.slice(0, m.index)) && OWNED.test(text.slice(m.index + m[0].length))) return name
  }
  return null
}

// Comparing two things inside one other platform ("dou+和随心推有什么区别") is not comparing it with 小红书.
function withinOnePlatform(clauses: Clause[], named: { others: string[]; xhs: boolean }[]): boolean {
  const names = new Set(named.flatMap((n) => n.others))
  if (names.size !== 1 || named.some((n) => n.xhs)) return false
  const re = EVERY_MATCH.get([...names][0]!)
  if (!re) return false
  const terms = new Set(clauses.flatMap((c) => [...c.text.matchAll(re)].map((m) => m[0])))
  return terms.size > 1
}

/** Any platform name at all: most questions name none, and one test settles them. */
const ANY_PLATFORM = new RegExp([...OTHER_PLATFORMS, ...LEADING_ONLY].map(([, re]) => `(?:${re.source.replace(/^\^/, '')})`).join('|'))

function platformsIn(text: string): string[] {
  const found: string[] = []
  for (const [name, re] of OTHER_PLATFORMS) if (re.test(text)) found.push(name)
  for (const [name, re] of LEADING_ONLY) if (re.test(text)) found.push(name)
  return found
}

/** The other platform the question is about, or null (about 小红书, a comparison, or no platform at all). */
export function otherPlatformSubject(clauses: Clause[]): string | null {
  if (!clauses.some((c) => ANY_PLATFORM.test(c.text))) return null
  const named = clauses.map((c) => ({ others: platformsIn(c.text), xhs: XIAOHONGSHU.test(c.text) || ABOUT_THE_ARTICLE.test(c.text) }))
  const anyOther = named.some((n) => n.others.length > 0)
  if (!anyOther) return null
  if (clauses.some((c) => COMPARING.test(c.text)) && !withinOnePlatform(clauses, named)) return null
  const bothSides = named.some((n) => n.xhs) || new Set(named.flatMap((n) => n.others)).size > 1
  if (bothSides && clauses.some((c) => CHOOSING.test(c.text))) return null
  const asking = clauses.some((c) => c.asks)
  let subject: string | null = null
  let previous: string | null = null // subject of the previous clause when it asked something
  let background: string | null = null // a platform that a clause asking nothing opened with
  for (let k = 0; k < clauses.length; k++) {
    const clause = clauses[k]!
    const { others, xhs } = named[k]!
    const own = xhs ? '小红书' : (others[0] ?? null)
    if (asking && !clause.asks) {
      previous = null
      background ??= leadingSubject(clause.text, others)
      continue
    }
    const about: string = own ?? previous ?? background ?? '小红书'
    if (about === '小红书') return null
    subject ??= about
    previous = about
  }
  return subject
}
