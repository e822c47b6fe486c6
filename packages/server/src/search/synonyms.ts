import { asc } from 'drizzle-orm';
import type { Executor } from '../platform/db/client.js';
import { searchSynonyms } from './search.tables.js';

/**
 * The synonym groups, read once per process and after each edit (every search needs them; they change rarely).
 * Keyed by the database handle, so tests with a database each do not share a cache.
 */
const cache = new WeakMap<object, string[][]>();

export async function synonymGroups(db: Executor): Promise<string[][]> {
  const hit = cache.get(db);
  if (hit) return hit;
  const rows = await db.select({ words: searchSynonyms.words }).from(searchSynonyms).orderBy(asc(searchSynonyms.updatedAt), asc(searchSynonyms.id));
  const groups = rows.map((r) => r.words);
  cache.set(db, groups);
  return groups;
}

export function forgetSynonyms(db: Executor): void {
  cache.delete(db);
}

/** The callers' words shipped with the product (issue 12 and the hotline's records); editors add and change groups. */
export const defaultSynonyms: string[][] = [
  ['欠薪', '拖欠工资', '不发工资', '讨薪', '欠工资', '拖欠劳动报酬', '工资拖欠', '没发工资', '讨工钱', '欠工钱', '工钱'],
  ['社保', '五险', '社会保险', '五险一金', '养老保险'],
  ['工伤', '受伤', '摔伤', '砸伤', '工作中受伤', '干活受伤', '伤了', '事故伤害'],
  ['辞退', '开除', '解雇', '炒鱿鱼', '被裁', '裁员', '不让干了', '解除劳动合同'],
  ['加班费', '加班工资', '延长工作时间工资'],
  ['年休假', '年假', '带薪年休假', '带薪休假'],
  ['劳动合同', '合同', '用工合同'],
  ['双倍工资', '二倍工资', '两倍工资', '双薪'],
  ['经济补偿', '经济补偿金', '补偿金', '遣散费', '补偿'],
  ['赔偿金', '违法解除', '2n'],
  ['仲裁', '劳动仲裁', '劳动争议仲裁', '打官司', '起诉'],
  ['工会', '入会', '加入工会', '会员'],
  ['骑手', '外卖员', '送外卖', '外卖骑手', '跑外卖', '快递员', '网约车', '平台'],
  ['老板', '单位', '用人单位', '公司', '厂里', '厂子', '雇主'],
  ['包工头', '工头', '班组长', '分包'],
  ['产假', '生孩子', '生育', '怀孕', '孕期', '哺乳期'],
  ['困难', '生活困难', '帮扶', '救助', '补助'],
  ['法律援助', '免费律师', '请不起律师', '律师'],
  ['心理', '想不开', '抑郁', '压力大', '心理疏导'],
  ['试用期', '实习期', '考察期'],
  ['职业病', '尘肺', '尘肺病'],
  ['病假', '生病', '医疗期'],
  ['押金', '扣身份证', '扣证件', '收钱'],
  ['最低工资', '最低工资标准'],
];
