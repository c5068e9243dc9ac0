// The shapes of a question about working the app rather than about strategy: where a button is, how to
// operate a feature, what it takes to qualify, a number (time, count, score, duration), the list of banned
// words, a tool, a price.
// The article never gives these, whatever the feature is called, so they are patterns over the question's
// structure (怎么设置, 入口在哪, 需要什么资质, 几个点, 审核多久) rather than lists of features.
// Works on one canonical clause (see ../normalize.ts); one regex for all kinds, so a clause is scanned once.

export type MechanicsKind = 'where' | 'operate' | 'requirement' | 'number' | 'rules' | 'tool' | 'price'

const KINDS: Record<MechanicsKind, RegExp[]> = {
  // where a button, an entry or a page is
  where: [
    /入口|按钮|开关|功能在哪|找不到(?:入口|按钮|这个功能|在哪)/,
    /在哪(?:里|儿)?(?:设置|开|关|切换|改|弄|打开|找|报名|报|申请|申诉|提交|进|入驻|看)/,
    /从哪(?:个|里|儿)?\S{0,2}(?:进|打开|报名|申请|入驻)/,
  ],
  // operating a feature: setting, editing, deleting, uploading, signing up, appealing
  operate: [
    /(?:怎么|如何|咋|怎样|在哪(?:里|儿)?|哪里|从哪|能不能|可不可以|可以|能)(?:才能|可以|能)?(?:单独|直接|重新|批量|一键)?(?:设置|设成|设为|开通|开启|关闭|关掉|隐藏|更改|修改|编辑|撤回|撤销|删除|删掉|删|挂上?|添加|插入|上传|勾选?|绑定|换绑|解绑|认证|注销|找回|提现|置顶|拉黑|屏蔽|下载|保存|去掉|去除|导出|切换|转成|转为|开店|充值|购买|加上|申请|申诉|报备|举报|投诉|报名|升级|登录|提交|打码)/,
    /(?:怎么|如何|在哪)(?:上架|下架)|怎么给\S{1,6}加|(?:话题|标签|定位|地址|链接|商品|卡片|组件|投票|音乐|字幕|贴纸|水印|封面|合集)\S{0,3}(?:怎么|咋|如何)(?:加|添加|弄|设置|换|上传|挂)/,
    /怎么(?:拍|剪|剪辑|配音|配乐|加字幕|加音乐|调色|修图|抠图|打光|运镜)|怎么开(?:直播|播|店|小店|橱窗)|(?:换|改)(?:头像|名字|简介|背景图)|怎么(?:查看|查询|转发|分享到)/,
    /(?:能|可以|能不能|可不可以)(?:再)?(?:改|换|删|撤|修改|编辑|更换)(?!变|成|钱|风格|方向|思路|定位|赛道)|后台\S{0,4}(?:怎么|在哪)/,
    /(?:怎么|在哪|哪里)(?:看|查)\S{0,8}(?:多少|谁|数据|收藏|浏览|点赞|访客|记录)|(?:数据|收藏|浏览量|点赞数|访客|粉丝数)\S{0,2}(?:怎么|在哪|哪里)(?:看|查)/,
    // a device: 电脑上怎么发, 平板能剪吗
    /(?:电脑|pc|网页|ipad|平板)(?:上|端|版)?\S{0,2}(?:怎么|能不能|可以|能)?(?:发|登|上传|剪|编辑|看数据)/,
    // the steps of a procedure
    /(?:什么|啥|哪个)流程|流程(?:是|怎么走|是怎样)|(?:申请|入驻|开通|注册|认证)(?:的)?(?:流程|步骤)/,
  ],
  // what it takes: papers, qualifications, conditions, paying to join
  requirement: [
    /需要(?:什么|哪些|啥)(?:资质|材料|证件|手续|证明|执照)|要(?:准备|提交|交|上传)(?:什么|哪些|啥)|(?:什么|哪些|啥)(?:资质|证件|手续)/,
    /(?:开通|开|申请|入驻|认证)\S{0,6}(?:条件|要求|门槛)|门槛\S{0,3}(?:多少|几)|要满多少|需要多少粉|多少粉(?:才能|可以|能)(?:开|做|入驻|申请)/,
    /(?:要|需要|得)(?:不要)?(?:先)?交(?:钱|费|押金|保证金)|交钱|交费吗|要钱吗|免费吗|收钱吗/,
  ],
  // a time, count, size, score or duration
  number: [
    /(?:早上|上午|中午|下午|晚上|半夜|凌晨|周末|工作日|节假日|周[一二三四五六日天])(?:几点)?发(?:布|笔记)?(?:和|跟|还是|比|好|更|效果|流量|曝光|差别|区别)/,
    /几点|什么时候发|什么时间发|一天发几|一周发几|多久发一|发几篇|(?:放|发|上传|传|用|配)几张|几张图|几个字|多少字|字数|几秒|几分钟|多少分钟/,
    /最多(?:能|可以)?(?:放|加|发|写|带|上传)?(?:几|多少)|最长|最短|上限|尺寸|分辨率|像素|横屏|竖屏|格式/,
    /几个点(?!赞)|(?:分|有)?几级|几个等级|[打各]几分|多少(?:天|分)|多少(?:才)?算|(?:(?:要|需要|得|等|刷|养|审)几天|几天(?:才|就能|能|可以|左右))/,
    /(?:浏览|阅读|播放|曝光|点赞)(?:数|量)?\S{0,4}怎么算|多少(?:赞|点赞|浏览|阅读|曝光)(?:才)?算|(?:评分|分数|得分|权重分)\S{0,3}怎么算|出价|播多久|播多长/,
    /(?:审|审核|申诉|结算|到账|更新|恢复|解封|处理|生效|提现)\S{0,3}(?:多久|几天|多长时间)|多久(?:能|可以|才能|会)?(?:更新|审核|结算|到账|生效|解封|恢复|解除|出来)|多久(?:一次|没动静)/,
    /什么时候(?:结算|到账|发货|审核)|(?:能|可以)?(?:发|传|上传)多长|多长(?:的)?(?:视频|时间)/,
  ],
  // the list of banned words, which the article does not give
  rules: [
    /(?:敏感词|违禁词|违规词|极限词|禁用词)(?:有)?(?:哪些|是哪些|都有啥|有啥|清单|列表|大全|表)|哪些(?:是|属于|算)?(?:敏感词|违禁词|违规词|极限词|禁用词)/,
  ],
  // which app or tool
  tool: [
    /用什么(?:app|软件|工具|相机|手机|设备|滤镜|预设|参数|字体|模板|bgm)|什么(?:app|软件|工具)|哪个(?:app|软件|工具)|(?:app|软件|工具)推荐|推荐(?:个|一下|几个)?(?:app|软件|工具)|有没有(?:什么)?(?:好用的)?(?:工具|软件|app)/,
  ],
  // a price or fee
  price: [/(?<!值)多少钱|怎么收费|收费标准|费用|价格|怎么定价|抽成|手续费|服务费|多久到账/],
}

const ORDER = Object.keys(KINDS) as MechanicsKind[]
const ANY = new RegExp(ORDER.map((k) => `(?<${k}>${KINDS[k].map((re) => re.source).join('|')})`).join('|'), 'g')

export interface MechanicsHit {
  kind: MechanicsKind
  /** the words that matched */
  words: string
}

/** Every mechanics phrase in a canonical clause, in order (usually none). */
export function mechanicsIn(clause: string): MechanicsHit[] {
  const hits: MechanicsHit[] = []
  ANY.lastIndex = 0
  for (let m = ANY.exec(clause); m; m = ANY.exec(clause)) {
    const kind = ORDER.find((k) => m!.groups![k] !== undefined)!
    hits.push({ kind, words: m[0] })
    if (m[0] === '') ANY.lastIndex++
  }
  return hits
}
