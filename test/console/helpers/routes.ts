// Every console page and API, for the tests that check each one is closed to strangers.
export const CONSOLE_GETS = [
  '/console',
  '/console/playground',
  '/console/questions',
  '/console/stats',
  '/console/tips',
  '/console/api/stats?days=7',
  '/console/api/questions?unanswered=1&limit=5',
  '/console/api/taught',
  '/console/api/tips',
  '/console/api/subscriptions',
]

export const CONSOLE_API_POSTS: [string, unknown][] = [
  ['/console/api/ask', { text: '新号现在做还有流量吗' }],
  ['/console/api/teach', { text: '蒲公英平台怎么接单', intent: 'brand-cooperation' }],
  ['/console/api/forget', { text: '蒲公英平台怎么接单' }],
  ['/console/api/subscriptions', { chatId: 'wecom-chat', webhookUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k1234567' }],
  ['/console/api/unsubscribe', { platform: 'feishu', chatId: 'oc_x' }],
]
