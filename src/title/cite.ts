/** Where the guidance in the messages comes from. */
export const ARTICLE = '《2024年小红书运营趋势分析》'
export const CITE_KEYWORDS = `${ARTICLE}二.2：关键词要布局在标题、开头、话题和封面文字里，70%的月活用户会搜索`
export const CITE_DETAILS = `${ARTICLE}二.2：内容要生活化、有真人感、有具体细节`
export const CITE_WARM = `${ARTICLE}三.2：小红书是“温暖的小社区”，受欢迎的是温暖、积极、细枝末节的美好，而不是矛盾冲突和负面情绪`
