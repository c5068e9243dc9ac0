// What the knowledge does not cover. The article is about strategy; it never explains the app's buttons,
// settings, fees or limits, nor anything outside running an account. The signals:
// - a 小红书 feature, fee or tool term that appears nowhere in what the bot says (answers, points, follow-ups);
// - an everyday subject (EVERYDAY_TERMS), unless the clause is about making content;
// - a question asking how to operate the app, or for a number, setting or tool (MECHANICS).
// Each counts as asked when its clause asks something, otherwise as background.
import type { Clause } from './clauses'
import { TermFinder } from './term-finder'

/** 小红书 features, settings, fees and back-office tools (general knowledge of the app, not the article). Only
 *  words that name the feature itself: "浏览量" or "审核中" also describe symptoms the article does discuss. */
const PRODUCT_TERMS = [
  // publishing
  '定时发布', '草稿箱', '笔记合集', '仅自己可见', '私密账号', '设成私密', '设为私密', '可见范围', '原创声明', '水印', '配乐', '背景音乐',
  '编辑笔记', '修改笔记', '删除笔记', '置顶', '外链', '添加定位', '艾特',
  // account
  '昵称', '小红书号', '密码', '手机号', '换绑', '解绑', '实名', '认证', '蓝v', '专业号', '企业号', '注销', '被盗', '盗号',
  '青少年模式', '黑名单', '拉黑', 'ip属地', '个性化推荐', '推送通知', '免打扰', '关注列表', '粉丝列表', '违禁词表', '敏感词表',
  // data
  '数据中心', '完播率', '点击率', '流量来源', '搜索量', '粉丝画像', '账号诊断',
  // commerce and ads
  '小黄车', '挂车', '商品链接', '薯店', '千帆', '保证金', '押金', '营业执照', '类目资质', '提现', '到账', '结算周期', '扣税',
  '报价', '抽成', '服务费', '手续费', '聚光', '薯条', '加热', '投流', '开户', '广告费',
  // live
  '开播条件', '直播权限', '开播权限', '美颜', '连麦', '回放', '直播预告', '直播伴侣', 'obs', '绿幕', '弹幕', '福袋', '打赏',
  // interaction
  '自动回复', '粉丝群', '群聊', '互粉', '互赞', '互关', '恶意差评', '删评论', '关闭评论',
  // business around the account
  'mcn', '签约', '对标账号', '矩阵号', '口播', '提词器', '补光灯', '三脚架', '发布时间', '几点发', '发文时间', '更新频率',
  '时间段', '极限词', '客服', '访客', '改名', '信息流广告', 'cpc', 'cpm', '千瓜', '新红', '灰豚', '个体户', '对公账户',
  '清晰度', '画质', '横版', '竖版', '审核多久', '过审', '被压缩', '压缩得', '图片模糊', '艾特', '发起投票', '长文笔记', '两个账号',
  '多个账号', '几个账号', '违规记录', '时长', '带定位', '加定位', '商品排序',
]

/** Creation tools and apps. */
const TOOL_TERMS = [
  '剪映', '醒图', '美图秀秀', '黄油相机', '稿定', 'canva', '可画', '创客贴', '必剪', 'capcut', '剪辑软件', '修图软件', '拍摄设备',
]

/** Subjects of everyday life: a question about them is not about running an account, even when it borrows
 *  the platform's words (粉丝煲 is food, 手机流量 is a data plan). */
const EVERYDAY_TERMS = [
  '天气', '下雨', '气温', '台风', '菜谱', '怎么做好吃', '好吃吗', '不腻', '红烧', '清蒸', '凉拌', '怎么蒸', '怎么炖', '怎么煮',
  '炒菜', '空气炸锅', '扇贝', '粉丝煲', '酸辣粉', '吃什么药', '感冒', '发烧', '掉头发', '失眠', '猫砂', '猫粮', '狗粮', '铲屎',
  '外卖', '快递到哪', '景区', '机票', '高铁票', '路况', '驾照', '科目二', '科目三', '倒车入库', 'python', 'vlookup', 'java',
  'javascript', 'sql', '写代码', '编程', '路由器', '话费', '流量卡', '流量套餐', '手机流量', '公积金', '社保', '个税', '房贷',
  '股票', '基金', '考研英语作文', '四级', '六级', '周报', '男朋友', '女朋友', '分手', '恋爱', '彩礼', '写作业', '新能源车',
  '买车', '追星', '应援', '翻车', '八卦', '冲动消费', '剁手', '小说', '电视剧', '综艺', '打游戏', '翻译一下', '几号', '星期几',
  '团建', '辞职信', '工资条', '电脑', '文件夹', '搜索引擎', '谷歌', 'google', '浏览器', '操作系统', 'windows',
  // more of the same kinds: food, health, home, travel, study, work, money, family, leisure
  '怎么炸', '怎么煎', '怎么焖', '怎么腌', '煲汤', '炖汤', '饺子', '包子', '米饭', '面条', '蛋糕怎么做', '奶茶怎么做', '下饭菜',
  '头疼', '头痛', '胃疼', '肚子疼', '咳嗽', '过敏', '长痘', '挂号', '牙疼', '拉肚子', '血压', '血糖', '怀孕', '备孕',
  '宝宝发烧', '疫苗', '签证', '护照', '身份证', '户口', '自驾', '行李', '登机', '航班', '打车', '地铁', '充电宝', '蓝牙', '打印机',
  '手机卡', '内存不够', '电池', '考试', '高考', '中考', '背单词', '论文', '毕业设计', '请假', '加班费', '年终奖', '劳动合同',
  '跳槽', '贷款', '信用卡', '花呗', '借呗', '还款', '利息', '相亲', '吵架', '离婚', '婚礼', '演唱会', '门票', '抢票', '彩票',
  '同事', '人际关系', '搞好关系', 'typescript', 'react', 'vue', 'golang', 'c++', '前端', '后端', '数据库', '报错', '违章', '保养', '加油站', '停车', '租房', '房租', '物业', '装修贷', '星座', '算命', '运势', '塔罗',
]

// Asking how to work the app, or for a number, a setting or a tool the article does not give.
const MECHANICS = [
  /(?:怎么|如何|咋|怎样|在哪(?:里|儿)?|哪里|从哪|能不能|可以|能)(?:才能|可以|能)?(?:设置|设成|设为|开通|开启|关闭|关掉|隐藏|更改|修改|编辑|撤回|删除|删掉|挂上?|添加|绑定|换绑|解绑|认证|注销|找回|提现|置顶|拉黑|下载|保存|去掉|去除|导出|切换|转成|转为|开店|充值|购买|加上|申请)|(?:怎么|如何|在哪)(?:上架|下架)|怎么给\S{1,6}加/,
  /在哪(?:里|儿)?(?:设置|开|关|切换|改|弄)|功能在哪|哪个按钮|找不到入口/,
  /用什么(?:app|软件|工具|相机|手机|设备)|什么(?:app|软件|工具)|哪个(?:app|软件|工具)|(?:app|软件|工具)推荐|推荐(?:个|一下|几个)?(?:app|软件|工具)|有没有(?:什么)?(?:好用的)?(?:工具|软件|app)/,
  /几点|什么时候发|什么时间发|一天发几|一周发几|多久发一|发几篇|(?:放|发|上传|传|用|配)几张|几张图|几个字|多少字|字数|几秒|几分钟|多少分钟|最多(?:能|可以)?(?:放|加|发|写|带|上传)?(?:几|多少)|最长|最短|上限|尺寸|分辨率|像素|横屏|竖屏|格式/,
  /审核\S{0,2}(?:多久|多长时间|几天)|什么时候(?:结算|到账|发货|审核)|多久(?:结算|审核|到账)|(?:能|可以)?(?:发|传|上传)多长|多长(?:的)?(?:视频|时间)|后台\S{0,4}(?:怎么|在哪)|(?:怎么|在哪)看(?:到)?(?:有)?(?:多少人|谁|数据|收藏|浏览|点赞数|访客|记录)/,
  /(?:浏览|阅读|播放|曝光|点赞)(?:数|量)?\S{0,4}怎么算|多少(?:赞|点赞|浏览|阅读|曝光)(?:才)?算/,
  /怎么(?:拍|剪|剪辑|配音|配乐|加字幕|加音乐|调色|修图|抠图|打光|运镜)|怎么开(?:直播|播|店|小店|橱窗)|(?:换|改)(?:头像|名字|简介|背景图)|怎么(?:查看|查询|转发|分享到)/,
  /(?<!值)多少钱|怎么收费|收费标准|费用|价格|怎么定价|抽成|手续费|服务费|(?:开播|开直播|入驻|开通|申请|开店)\S{0,4}门槛|门槛\S{0,3}(?:多少|几)|要满多少|需要多少粉|多少粉(?:才能|可以|能)(?:开|做|入驻|申请)|多久到账/,
]

// The bot's own functions (subscribing, the title check, tips) are covered by the help topic.
const BOT_FEATURES = /订阅|退订|推送|标题检查|检查标题|tip|小贴士|机器人|bot|红书参谋|你|提问|问问题/

// A clause about making content: an everyday subject there is what the note is about ("吵架的内容能火吗"),
// which the content-style advice does cover.
const ABOUT_CONTENT = /内容|笔记|选题|题材|能火|会火|爆|流量|博主|账号|涨粉|小红书/

// How-to and how-much questions, as opposed to "is it worth it" ones: "薯条怎么投" asks about the feature,
// "投薯条涨粉值不值" asks for a strategy the article does give.
const HOW = /怎|如何|咋|在哪|哪里|哪儿|多少|几|多久|什么|啥|有没有|能不能|可不可以|可以吗|能吗|需要|要交|\bhow\b/

/** What a question asks that the knowledge does not cover; each signal names the words that raised it. */
export interface Uncovered {
  /** a 小红书 feature, fee or tool the answers never mention, asked about with how / where / how much */
  productAsked?: string
  /** such a term anywhere else in the question (often background) */
  product?: string
  /** an everyday subject in a clause that asks something */
  everydayAsked?: string
  /** an everyday subject elsewhere (often background: "我老公是做设计的…") */
  everyday?: string
  /** a way of asking how to operate something, or for a number the article does not give */
  asks?: string
}

export interface CoverageCheck {
  (clauses: Clause[]): Uncovered
}

/** One regex for all of MECHANICS: a question is scanned once. */
const MECHANICS_ANY = new RegExp(MECHANICS.map((re) => `(?:${re.source})`).join('|'))

/** Builds the check for one knowledge: lexicon terms that its answers do mention are covered. */
export function coverageCheck(coveredText: string, canonical: (s: string) => string): CoverageCheck {
  const uncoveredTerms = (terms: string[]) => new TermFinder(terms.map(canonical).filter((t) => t && !coveredText.includes(t)))
  const product = uncoveredTerms([...PRODUCT_TERMS, ...TOOL_TERMS])
  const everyday = uncoveredTerms(EVERYDAY_TERMS)
  return (clauses) => {
    const out: Uncovered = {}
    // a message that asks nothing in particular ("本地天气") is asking about all of it
    const askingAny = clauses.some((c) => c.asks)
    const aboutTheBot = clauses.some((c) => BOT_FEATURES.test(c.text))
    for (const c of clauses) {
      const asks = c.asks || !askingAny
      const e = everyday.find(c.text)
      if (e !== undefined) {
        if (asks && !ABOUT_CONTENT.test(c.text)) out.everydayAsked ??= e
        else out.everyday ??= e
      }
      const p = product.find(c.text)
      if (p !== undefined) {
        if (asks && HOW.test(c.text)) out.productAsked ??= p
        else out.product ??= p
      }
      if (asks && out.asks === undefined && !aboutTheBot) {
        const m = MECHANICS_ANY.exec(c.text)
        if (m) out.asks = m[0]
      }
    }
    return out
  }
}
