// Messages that are chat, not questions: greetings, 在吗, 你是谁, thanks, praise, complaints, goodbyes,
// acknowledgements and laughter. A message is small talk only when it is made of these phrases and
// filler alone, so "你好，新号怎么起步" stays a question. Works on canonical text (see normalize.ts).

import type { SmallTalkTopic } from '../types'

// The longest phrase wins at each position ("你好笨" is a complaint, not "你好" + 笨); the message's topic is the
// first-listed topic among its phrases ("ok明白了 感谢" is thanks).
const PHRASES: [SmallTalkTopic, RegExp][] = [
  ['complaint', /(?:这个?|你的?|刚才(?:那个|的)?|上面(?:那个|的)?|上一个|之前(?:那个|的)?)(?:回答|回复|答案)|(?:好像|感觉|似乎)?(?:也|有点)?(?:太|好|真)?(?:水|笼统|空|泛|敷衍)了?|(?:说了)?(?:跟|和|等于)没说(?:一样)?|(?:好像|感觉|似乎)?不(?:太)?(?:对|准确?|靠谱)|没(?:说|答|讲)到点子?上|不是我(?:要|想要|问)的|车轱辘话|废话|(?:你|机器人|这个bot|bot)?(?:好|真|太|也太|有点)?(?:笨|傻|蠢|菜|差劲|差|垃圾|不靠谱|不好用|废物)|答非所问|(?:连)?这都不知道|(?:回答|回复|答)得?(?:不对|有误|错了?)|说的啥|你在说(?:什么|啥)|你在胡说(?:什么|啥)?|看不懂你说的|(?:又|还)?(?:答|回|说|讲)(?:错|偏|歪)了?|不对|错了|听不懂(?:人话)?|没听懂|看不懂|什么鬼|(?:什么|啥)玩意儿?|(?:驴唇|牛头)不对马嘴|文不对题|(?:怎么)?(?:又|还)是(?:这个|这些|这套|同样的|一样的)(?:回答|答案|回复|话)?|莫名其妙|胡说(?:八道)?|瞎说|乱说|乱答|瞎答|没用|没啥用|不准|无语|服了|失望|敷衍|人工智障|智障/y],
  ['identity', /你(?:用的)?是(?:什么|哪个)模型|你是男是女|你(?:到底)?是(?:谁|什么|啥|哪位|哪个|谁家的|真人|人|机器人|ai|人工智能|gpt|chatgpt|程序|客服)(?:还是(?:真人|人|机器人|ai|人工智能)(?:在(?:回|答|回复|打字|聊))?)?|你叫(?:什么|啥)(?:名字)?|你(?:的)?名字|你(?:几|多少)岁了?|你多大了?|谁(?:开发|做|写)的你|你是(?:男|女)的?(?:还是(?:男|女)的?)?|你是不是(?:真人|机器人|ai|人工智能)|(?:真人|机器人)吗|你(?:会不会|也会|会)(?:累|困|饿|睡觉|休息|下班)|你(?:累|困|饿)不(?:累|困|饿)|你(?:不)?(?:累|困|饿)吗|(?:还是)?(?:真人|人工|机器人|ai)在(?:回|答|回复|打字|聊)/y],
  ['thanks', /(?:非常|太|真是|真的)?(?:谢谢|感谢|多谢|谢了|谢啦|谢)(?:你|您|哈|啦|了|大佬|老师|红书参谋)*|thank(?:s| you)?|thx|3q|辛苦(?:了|啦|你了)?|麻烦(?:你)?了|受教了?|学到了|涨知识了|有帮助|帮大忙了|感恩|比心/y],
  ['presence', /(?:请问)?(?:在忙吗|忙吗|睡了吗|在吗|在嘛|在么|在不在|在没|还在吗|你在吗|在线吗|还在不|有人吗|有人在吗|人呢|怎么不(?:说话|回(?:我|复|话)?|理我)了?|理(?:我|一下我)|出来|醒醒|喂|ping)/y],
  ['praise', /(?:回答|回复|讲|说|写|总结)得?(?:很|真|好|太|挺|超|非常)?(?:详细|清楚|到位|专业|明白|全面|透彻)|说得(?:真|太|很|挺)?(?:好|对|不错|在理|有道理)|有道理|好评|(?:太|很|真|超|好|挺|非常|蛮|真的)有用了?|有用了|(?:你|机器人)?(?:真|好|太|也太|挺|很|超|蛮|相当)?(?:棒|厉害|聪明|牛|强|赞|给力|优秀|靠谱|专业|可爱|好用|不错)(?:了|啊|呀|哦|的|啦)?|牛(?:啊|逼|批|b|x)|nb|yyds|666+|6{2,}|回得(?:还)?(?:挺|真|好|很|超)?快|秒回|爱了|绝了|可以啊|厉害了|棒棒哒|爱你|么么哒/y],
  ['greeting', /(?:大家|各位|宝子们|姐妹们|家人们)好|新人报到|报到|我来了|初来乍到|请多关照|多多(?:关照|指教)|(?:小)?红书参谋|参谋|小助手|助手|机器人|bot|你好|您好|hello|hi|hey|哈喽|嗨|hallo|早(?:上|晨)?好|早安|午安|中午好|下午好|晚上好|早|周[一二三四五六日天末]快乐|(?:新年|节日|元旦|国庆|中秋|端午|五一|周末)快乐|好久不见/y],
  ['bye', /晚安|拜拜|拜|再见|回见|下次见|bye|88|下班(?:啦|了|咯)?|溜了|撤了|先这样|走了|睡了/y],
  ['ack', /好(?:的|滴|嘞|吧|哒)?|收到(?:了)?|ok|okay|嗯+|哦+|噢+|明白(?:了)?|知道(?:了)?|懂(?:了)?|了解(?:了)?|行吧?|可以|是的|对的?|没问题|get|好吧/y],
  ['feeling', /你会(?:聊天|说话|唱歌|讲笑话|陪我聊天)吗?|(?:好|真|太|有点)?(?:无聊|累|困|烦|难过|开心|emo)(?:了|啊|死了)?|(?:今天)?心情(?:不太|不|很|超|有点)?(?:好|差|糟|低落)|(?:陪我)?聊(?:聊|会儿?)?天|陪我聊(?:聊|会儿?)?|(?:能|可以|能不能|可不可以)?陪我(?:聊(?:聊|一?会儿?)?天?|说说话|玩会?儿?)|呜+|抱抱|加油|吃了(?:吗|没)|你在干(?:嘛|什么|啥)/y],
  ['laughter', /(?:哈|呵|嘿|嘻|hh|h)+|笑死(?:了)?|lol|2333+|xswl/y],
]

// Words that may surround small-talk phrases ("你说的不对", "感觉回答得很详细").
const FILLER_WORDS = /(?:你|这个?)(?:说|讲|回答|回复|回|答)的|说的|讲的|(?:回答|回复)得|刚才的?|感觉|好像|其实|真的|就是|有点/y

// Characters that may surround small-talk phrases without making the message a question.
const FILLER = /[\s啊呀哦啦呢吧嘛吗哈呗哇耶诶欸嘿~了的你我们大家宝亲各位也还就都真这那个]/y

/** The small-talk topic of a whole message (canonical text), or null when it is (also) a question. */
export function smallTalkTopic(canonical: string): SmallTalkTopic | null {
  const text = canonical.trim()
  if (!text || text.length > 24) return null
  let strongest = -1
  let i = 0
  while (i < text.length) {
    // the longest phrase starting here; on a tie, the topic listed first
    let length = 0
    let topic = -1
    PHRASES.forEach(([, re], k) => {
      re.lastIndex = i
      const m = re.exec(text)
      if (m && m[0].length > length) {
        length = m[0].length
        topic = k
      }
    })
    if (topic >= 0) {
      i += length
      if (strongest < 0 || topic < strongest) strongest = topic
      continue
    }
    FILLER_WORDS.lastIndex = i
    if (FILLER_WORDS.test(text)) {
      i = FILLER_WORDS.lastIndex
      continue
    }
    FILLER.lastIndex = i
    if (!FILLER.test(text)) return null
    i++
  }
  return strongest >= 0 ? PHRASES[strongest]![0] : null
}
