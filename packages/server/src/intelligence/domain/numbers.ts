/**
 * Numbers as callers say them: 26万, 2.6万, 四十九万, 一万二 (= 12 000), 三千五 (= 3 500), 二十多个 (= 20), 十几个 (= 10),
 * 七八万 (= 70 000, the lower end of a range). A vague number with nothing to anchor it (几十, 好几万) is no number.
 */
const digitOf: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 俩: 2, 三: 3, 仨: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const smallUnit: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const bigUnit: Record<string, number> = { 万: 10_000, 亿: 100_000_000 };

/** The characters a spoken number is made of (Arabic and Chinese digits, units, and the vague markers 多 几 来 余). */
export const numberChars = '0-9.零〇一二两俩三仨四五六七八九十百千万亿几多来余';

/**
 * The value of a number phrase, or null when it is vague or not a number. 多/来/余/几 after a unit mean "more than":
 * the stated floor counts. A digit right after a unit abbreviates the next unit down (一万二 = 12 000, 三千五 = 3 500).
 */
export function parseNumber(raw: string): number | null {
  const s = raw.normalize('NFKC').replace(/[,，\s]/g, '');
  if (!s) return null;
  let total = 0; // sum of completed 万/亿 sections
  let section = 0; // below 万
  let current: number | null = null; // a digit not yet multiplied
  let lastUnit = 0; // the unit just passed, for the abbreviated trailing digit
  let afterUnit = false;
  let seen = false;
  let i = 0;
  while (i < s.length) {
    const ch = s[i]!;
    const arabic = /^\d+(\.\d+)?/.exec(s.slice(i));
    if (arabic) {
      current = Number(arabic[0]);
      afterUnit = false;
      seen = true;
      i += arabic[0].length;
      continue;
    }
    if (ch in digitOf) {
      // 七八万, 二三十: two digits in a row name a range; the lower end stands.
      if (current !== null && !afterUnit && i > 0 && s[i - 1]! in digitOf && s[i - 1] !== '零' && s[i - 1] !== '〇') {
        i++;
        continue;
      }
      current = digitOf[ch]!;
      afterUnit = lastUnit > 0 && i > 0 && (s[i - 1]! in smallUnit || s[i - 1]! in bigUnit);
      seen = true;
      i++;
      continue;
    }
    if (ch in smallUnit) {
      const u = smallUnit[ch]!;
      // 十 alone is ten; 百 or 千 alone (上百人, 百余名) is one hundred / one thousand.
      section += (current ?? 1) * u;
      current = null;
      lastUnit = u;
      afterUnit = false;
      seen = true;
      i++;
      continue;
    }
    if (ch in bigUnit) {
      const u = bigUnit[ch]!;
      if (!seen) return null;
      const here = section + (current ?? 0);
      // 一亿二千万: 万 adds its section to what 亿 left; 亿 multiplies everything before it.
      total = u === 10_000 ? total + (here || 1) * u : (total + (here || 1)) * u;
      section = 0;
      current = null;
      lastUnit = u;
      afterUnit = false;
      i++;
      continue;
    }
    if (ch === '几') {
      // 几十 / 好几万: vague from the start; 十几 / 二十几: the floor stands.
      if (!seen) return null;
      i++;
      continue;
    }
    if (ch === '多' || ch === '来' || ch === '余') {
      i++;
      continue;
    }
    return null;
  }
  if (!seen) return null;
  if (current !== null) {
    // 一万二 → the 2 is 2 000; 三千五 → 500; 两百五 → 50; 十五 → 5.
    if (afterUnit && lastUnit >= 100) section += (current * lastUnit) / 10;
    else section += current;
  }
  const value = total + section;
  return Number.isFinite(value) ? Math.round(value * 100) / 100 : null;
}

const N = `[${numberChars}]+`;

export type Mention = { value: number; text: string; index: number };

// Who counts as a worker in "N 个 X": people of the trade, not children, months or orders.
const workerNoun =
  '(?:个|名|位|号)?(?:人|老?工人|农民工|老?职工|员工|工友|师傅|骑手|外卖员|(?:货车|代驾|大车)?司机|快递员|配送员|分拣员|运行工|车工|女工|老乡|村民|兄弟|伙计|(?:快递)?小哥|姐妹|大姐|阿姨|护士|老师|保安|店员)';
const workerPattern = new RegExp(`(${N})${workerNoun}`, 'g');
// "四十多名倒班工人": a measure word, then up to two characters of trade, then the noun; or a trade ending in 工
// ("二十多个装卸工", "十五个冲床工"), but not a word of wages or time (三个月工资, 两个月工钱).
const qualifiedPattern = new RegExp(
  `(${N})(?:个|名|位)(?:[\\u4e00-\\u9fa5]{1,2}?(?:工人|职工|员工|司机|骑手)|[\\u4e00-\\u9fa5]{1,2}工(?![资钱厂地程作期时龄伤会具友]))`,
  'g',
);
// "工人四十来个": the noun first.
const nounFirstPattern = new RegExp(`(?:工人|农民工|职工|员工|骑手|司机)(${N})(?:个|名|位|人)`, 'g');
// "我们5个" / "俺们三个" at the end of a clause: the noun is left out.
const bareCountPattern = new RegExp(`(?:我们|俺们|咱们|班组|一共|总共)(?:一共|总共)?(${N})个(?![\\u4e00-\\u9fa5])`, 'g');

/** Headcounts stated in the text ("二十多个人", "14名工友", "百余名骑手"). */
export function workerMentions(text: string): Mention[] {
  const out: Mention[] = [];
  for (const re of [workerPattern, qualifiedPattern, nounFirstPattern, bareCountPattern]) {
    for (const m of text.matchAll(re)) {
      const v = parseNumber(m[1]!);
      if (v !== null && v >= 1 && v < 1_000_000 && Number.isInteger(v)) out.push({ value: v, text: m[0], index: m.index! });
    }
  }
  return out;
}

// The callers as a group of unknown size. A bare "我们" is not enough: "公司让我们签…" is one caller speaking for
// the workforce, and counts as the caller's own case.
const pluralCaller = /大家|大伙|工友们|工人们|职工们|(?:我们|俺们|咱们)(?:这些|几个|都|大家|一起|全)/;
const singular = /[我俺](?![们])|本人/;
const generalQuestion = /市民咨询/;

/**
 * Workers involved: the largest stated headcount; else null for a suggestion, a general question passed on by 12345,
 * or a group of unknown size ("我们…" with no "我" of the caller's own); else 1, the caller's own case (or one family
 * member's: "我老公在工地…").
 */
export function readWorkers(text: string, opts: { suggestion: boolean }): { value: number | null; evidence: string | null } {
  const mentions = workerMentions(text);
  if (mentions.length) {
    const best = mentions.reduce((a, b) => (b.value > a.value ? b : a));
    return { value: best.value, evidence: best.text };
  }
  if (opts.suggestion) return { value: null, evidence: null };
  if (generalQuestion.test(text)) return { value: null, evidence: null };
  if (!singular.test(text) && pluralCaller.test(text)) return { value: null, evidence: null };
  return { value: 1, evidence: null };
}

const moneyPattern = new RegExp(`(${N})(万元|万块|万|千块钱|千块|千元|千|块钱|块|元|圆)?`, 'g');
// What comes right before an amount that is a rate, an income or money already paid, not money in dispute.
const notInDispute =
  /(每个?月|(?<!最后)一个月|月薪|底薪|每天|一天|日薪|时薪|年薪|一年|才|挣|收入|学费|房租|花了|要花|交了|给了|发了|领了|一单|一件|每单|每件|单价|从|降到|涨到|工资是|工资有|报了)[^，。；！？,.;!?]{0,4}$/;
const sumMarker = /(一共|总共|共计|合计|加起来|总计|累计|共)[^，。；！？,.;!?]{0,4}$/;

/**
 * The amount in dispute, in yuan: money with a unit (元/块) or a 万/千 multiplier, not a rate or an income, at least
 * 100 yuan (fines of 五十块 per order are the grievance's detail, not its amount). A stated total (一共, 共计, 加起来)
 * wins; otherwise the amounts named are summed (工资三万，押金两千 → 32 000).
 */
export function readAmountYuan(text: string): { value: number | null; evidence: string[] } {
  const totals: Mention[] = [];
  const parts: Mention[] = [];
  const t = text.normalize('NFKC');
  for (const m of t.matchAll(moneyPattern)) {
    const unit = m[2] ?? '';
    const numeral = m[1]!;
    const hasMultiplier = /[万千]/.test(numeral) || /[万千]/.test(unit);
    const hasCurrency = /[元块圆]/.test(unit);
    if (!hasMultiplier && !hasCurrency) continue;
    // A count of people or things (二十多个人) or time (三个月) is not money.
    const after = t.slice(m.index! + m[0].length, m.index! + m[0].length + 2);
    if (!unit && /^[个名位号人次年月天日岁口套间台辆栋层吨亩平米%％]/.test(after)) continue;
    let v = parseNumber(numeral);
    if (v === null) continue;
    if (unit.startsWith('万')) v *= 10_000;
    else if (unit.startsWith('千')) v *= 1000;
    if (v < 100 || v > 10_000_000_000) continue;
    const before = t.slice(Math.max(0, m.index! - 8), m.index!);
    if (notInDispute.test(before)) continue;
    (sumMarker.test(before) ? totals : parts).push({ value: v, text: m[0], index: m.index! });
  }
  if (totals.length) {
    const best = totals.reduce((a, b) => (b.value > a.value ? b : a));
    return { value: best.value, evidence: [best.text] };
  }
  if (!parts.length) return { value: null, evidence: [] };
  const distinct = [...new Map(parts.map((p) => [p.value, p])).values()];
  return { value: distinct.reduce((s, p) => s + p.value, 0), evidence: distinct.map((p) => p.text) };
}
