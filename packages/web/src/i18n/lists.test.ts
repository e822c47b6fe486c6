import { describe, expect, it } from 'vitest';
import { translate, type Lang } from './i18n.js';
import { joinList } from './lists.js';

const t = (lang: Lang) => (s: string) => translate(lang, s);

describe('joinList: a list said in the interface’s language', () => {
  it.each<[Lang, string[], '、' | '；' | undefined, string]>([
    ['zh', ['众', '大', '多'], undefined, '众、大、多'],
    ['en', ['Mass', 'Large', 'Repeat'], undefined, 'Mass, Large, Repeat'],
    ['zh', ['请填写理由', '金额不能为负'], '；', '请填写理由；金额不能为负'],
    ['en', ['Give a reason', 'The amount cannot be negative'], '；', 'Give a reason; The amount cannot be negative'],
    // Names that stay Chinese in the English interface (people, laws) are still joined the English way.
    ['en', ['王调解', '李律师'], '、', '王调解, 李律师'],
    ['en', ['《劳动合同法》第三十条', '《工资支付暂行规定》第七条'], '；', '《劳动合同法》第三十条; 《工资支付暂行规定》第七条'],
    ['en', ['only one'], '；', 'only one'],
    ['en', [], undefined, ''],
  ])('%s %j %s', (lang, parts, mark, out) => expect(joinList(t(lang), parts, mark)).toBe(out));
});
