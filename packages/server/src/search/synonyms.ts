import { asc, count } from 'drizzle-orm';
import type { ChangeBus } from '../platform/bus/index.js';
import { createReferenceCache, type ReferenceCache } from '../platform/cache/reference-cache.js';
import type { Clock } from '../platform/clock.js';
import type { Executor } from '../platform/db/client.js';
import { searchSynonyms } from './search.tables.js';

/** The synonym groups, each a list of phrases that mean the same to a caller. */
export type SynonymGroups = string[][];
export type SynonymCache = ReferenceCache<SynonymGroups>;

export async function loadSynonymGroups(db: Executor): Promise<SynonymGroups> {
  const rows = await db.select({ words: searchSynonyms.words }).from(searchSynonyms).orderBy(asc(searchSynonyms.updatedAt), asc(searchSynonyms.id));
  return rows.map((r) => r.words);
}

/**
 * The synonym groups, read once per process (every search needs them; they change rarely) and dropped on
 * `reference.changed: synonyms`: an editor's change on one instance is announced after its commit (search.service
 * calls `invalidate`), and every instance on the same PostgreSQL drops its copy through the change bus — no NOTIFY
 * inside anyone else's transaction. A lost announcement is bounded by the reference caches' time to live.
 */
export function createSynonymCache(deps: { db: Executor; clock: Clock; bus?: ChangeBus | undefined }): SynonymCache {
  return createReferenceCache({ kinds: ['synonyms'], load: loadSynonymGroups, ...deps });
}

/** The shipped groups, added only to an empty table (the knowledge seed calls this at every start, in its transaction). */
export async function seedDefaultSynonyms(tx: Executor, now: Date): Promise<void> {
  const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(searchSynonyms);
  if (n === 0) await tx.insert(searchSynonyms).values(defaultSynonyms.map((words) => ({ words, updatedBy: null, updatedAt: now })));
}

/** The callers' words shipped with the product (issue 12 and the hotline's records); editors add and change groups. */
export const defaultSynonyms: string[][] = [
  ['欠薪', '拖欠工资', '不发工资', '讨薪', '欠工资', '拖欠劳动报酬', '工资拖欠', '没发工资', '讨工钱', '欠工钱', '工钱'],
  ['社保', '五险', '社会保险', '五险一金', '养老保险'],
  ['工伤', '受伤', '摔伤', '砸伤', '工作中受伤', '干活受伤', '伤了', '事故伤害'],
  ['辞退', '开除', '解雇', '炒鱿鱼', '不让干了', '不用来了', '让我走', '辞了', '解除劳动合同'],
  ['裁员', '裁人', '大批辞人', '被裁', '减员', '经济性裁员'],
  ['调岗', '调到', '换岗', '降薪', '降工资', '变更劳动合同'],
  ['失业金', '失业保险金', '失业保险'],
  ['工亡', '因工死亡', '人没了', '去世', '死了', '出事故'],
  ['性骚扰', '动手动脚', '骚扰'],
  ['高温', '四十度', '中暑', '太热'],
  ['跑路', '跑了', '逃匿', '联系不上', '不接电话', '电话也不接'],
  ['实物', '购物卡', '抵工资', '有价证券'],
  ['节假日', '放假', '放几天假', '法定节假日', '过年'],
  ['调休', '补休'],
  ['产检', '产前检查'],
  ['劳动争议', '闹矛盾', '纠纷', '闹纠纷'],
  ['离职证明', '档案', '社保关系转移', '转档案'],
  ['医疗期', '住院期间', '病好了', '生病'],
  ['加班费', '加班工资', '延长工作时间工资'],
  ['年休假', '年假', '带薪年休假', '带薪休假'],
  ['劳动合同', '合同', '用工合同'],
  ['双倍工资', '二倍工资', '两倍工资', '双薪'],
  ['经济补偿', '经济补偿金', '补偿金', '遣散费', '补偿'],
  ['赔偿金', '违法解除', '2n'],
  ['仲裁', '劳动仲裁', '劳动争议仲裁', '起诉'],
  ['工会', '入会', '加入工会', '会员'],
  ['骑手', '外卖员', '送外卖', '外卖骑手', '跑外卖', '快递员', '网约车', '平台'],
  ['包工头', '工头', '班组长', '分包'],
  ['产假', '生孩子', '生育', '怀孕', '孕期', '哺乳期'],
  ['困难', '生活困难', '帮扶', '救助', '补助'],
  ['法律援助', '免费律师', '请不起律师', '律师', '打官司'],
  ['心理', '想不开', '抑郁', '压力大', '心理疏导'],
  ['试用期', '实习期', '考察期'],
  ['职业病', '尘肺', '尘肺病'],
  ['病假', '病假工资'],
  ['押金', '扣身份证', '扣证件', '收钱'],
  ['最低工资', '最低工资标准'],
];
