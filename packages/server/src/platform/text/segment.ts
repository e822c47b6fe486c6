import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Jieba } from '@node-rs/jieba';

/**
 * The one Chinese word segmenter of the server (knowledge search, order search, intelligence). jieba in search mode:
 * a long word is cut again into its shorter words too (拖欠工资 → 拖欠 / 工资 / 拖欠工资), so 工资拖欠 and 拖欠工资
 * share their words whichever order the caller said them in. Loaded once per process (the dictionary is ~5 MB).
 *
 * Words of the hotline that jieba's general dictionary cuts wrongly are added here, with a high frequency so they
 * win over a split: a caller's 欠薪 or 讨薪 must stay one word for the synonym table to find it.
 */
const hotlineWords = [
  '欠薪',
  '讨薪',
  '讨要工资',
  '拖欠工资',
  '克扣工资',
  '不发工资',
  '农民工',
  '劳务派遣',
  '用工单位',
  '用人单位',
  '劳动合同',
  '劳动仲裁',
  '劳动争议',
  '仲裁时效',
  '经济补偿',
  '经济补偿金',
  '赔偿金',
  '双倍工资',
  '二倍工资',
  '试用期',
  '竞业限制',
  '违约金',
  '加班费',
  '加班工资',
  '年休假',
  '带薪年休假',
  '年假',
  '工伤',
  '工伤认定',
  '劳动能力鉴定',
  '伤残等级',
  '工亡',
  '社保',
  '五险',
  '五险一金',
  '社会保险',
  '医疗期',
  '产假',
  '孕期',
  '哺乳期',
  '三期',
  '工会',
  '入会',
  '工会会员',
  '会费',
  '困难职工',
  '帮扶',
  '互助保障',
  '法律援助',
  '心理疏导',
  '外卖骑手',
  '快递员',
  '网约车',
  '新就业形态',
  '平台企业',
  '最低工资',
  '工资条',
  '辞退',
  '开除',
  '裁员',
  '离职',
  '辞职',
  '解除劳动合同',
  '终止劳动合同',
  '无固定期限',
  '包工头',
  '工资保证金',
  '欠薪保障',
  '劳动监察',
  '劳动保障监察',
  '职业病',
  '停工留薪期',
  '一次性伤残补助金',
  '丧葬补助金',
  '女职工',
  '送温暖',
  '金秋助学',
  '工资专用账户',
  // Words of the reader's catalog (intelligence/domain/lexicon.ts) that jieba's dictionary splits.
  '建会',
  '换届',
  '福利卡',
  '慰问品',
  '疗休养',
  '职业伤害保障',
  '灵活就业',
  '跑零担',
  '网约车司机',
  '货车司机',
  '职业健康检查',
  '职业病诊断',
  '安全隐患',
  '无证上岗',
  '尘肺病',
  '工伤鉴定',
  '带病参保',
  '四期保护',
  '再就业培训',
  '技能培训',
  '心理咨询',
  '轻生',
];

/**
 * The package's dictionary file, read here and let go once jieba has built its own tables from it: the package's
 * `dict.js` would keep it (5 MB) and its IDF table (6 MB, unused here) in memory for the life of the process.
 */
const readDictionary = () => fs.readFileSync(createRequire(import.meta.url).resolve('@node-rs/jieba/dict.txt'));

/**
 * The addon is loaded on first use. Its mimalloc is left to back the dictionary's tables with transparent huge pages:
 * `MIMALLOC_ALLOW_THP=0`, set here for a while to save ~6 MB of resident memory, turns huge pages off for the whole
 * process (mimalloc asks the kernel with prctl), and argon2's 19 MB work area then takes a page fault per 4 KB page:
 * every password check went from 15 to 76–100 ms of CPU (a login, a password change, every demo and test login),
 * measured in one process before and after jieba loaded (docs/decisions/0012, "THP, 2 December 2026").
 */
function loadJieba(): typeof import('@node-rs/jieba') {
  return createRequire(import.meta.url)('@node-rs/jieba') as typeof import('@node-rs/jieba');
}

let instance: Jieba | null = null;
function jieba(): Jieba {
  if (!instance) {
    instance = loadJieba().Jieba.withDict(readDictionary());
    instance.loadDict(new TextEncoder().encode(hotlineWords.map((w) => `${w} 200000 n`).join('\n')));
  }
  return instance;
}

/** Words that say nothing about what the caller wants: in every phrasing, so they would only add noise to a ranking. */
const stopWords = new Set(
  (
    '的 了 吗 呢 吧 啊 呀 嘛 么 哦 哈 是 在 我 你 他 她 它 们 我们 他们 你们 这 那 这个 那个 就 都 也 还 又 和 与 及 或 ' +
    '被 把 给 让 对 跟 从 到 向 于 为 以 而 但 但是 可是 如果 因为 所以 然后 就是 还是 一个 一下 有 没 没有 不 要 想 会 能 ' +
    '可以 应该 怎么 怎么办 怎样 如何 什么 啥 咋 咋办 哪 哪里 哪儿 多少 几 请问 你好 您好 请 问 一 个 些 点 等 上 下 里 ' +
    '说 讲 告诉 知道 问问 咨询 一下子 现在 已经 之前 以后 时候 情况 问题 事 事情 这样 那样 自己 人家 老是 总是 嗯 呃 额'
  ).split(/\s+/),
);

const wordChar = /[\p{L}\p{N}]/u;

/** Search-mode words of a text: lower-cased, no punctuation or spaces, in order (repeats kept: they weigh in a rank). */
export function segment(text: string): string[] {
  if (!text) return [];
  return jieba()
    .cutForSearch(text, true)
    .map((w) => w.trim().toLowerCase())
    .filter((w) => w.length > 0 && wordChar.test(w));
}

/** The words of a query that carry meaning: stop words dropped, each word once. Falls back to all words if none is left. */
export function queryWords(text: string): string[] {
  const words = segment(text);
  const kept = [...new Set(words.filter((w) => !stopWords.has(w)))];
  return kept.length ? kept : [...new Set(words)];
}

/**
 * The text to index: the words separated by spaces, for `to_tsvector('simple', …)`. The 'simple' configuration
 * splits on spaces and lower-cases; it knows no Chinese, so the segmenting is done here, once, in the application.
 */
export function indexText(text: string): string {
  return segment(text).join(' ');
}

/** A word as a tsquery lexeme: quoted, so no word of a caller's can inject tsquery syntax. */
export function tsLexeme(word: string): string {
  return `'${word.replace(/'/g, "''").replace(/\\/g, '\\\\')}'`;
}

/**
 * A tsquery string for `to_tsquery('simple', …)`. Each entry is a group of alternatives (a word and its synonyms):
 * 'and' needs every group, 'or' any (the ranking then decides).
 */
export function toTsQuery(groups: readonly (readonly string[])[], mode: 'and' | 'or'): string {
  const parts = groups.filter((g) => g.length).map((g) => (g.length === 1 ? tsLexeme(g[0]!) : `(${g.map(tsLexeme).join(' | ')})`));
  return parts.join(mode === 'and' ? ' & ' : ' | ');
}
