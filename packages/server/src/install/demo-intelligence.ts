import { coveredRange } from '../calendar/calendar.repo.js';
import { createCalendarService } from '../calendar/calendar.service.js';
import { localDateOf } from '../calendar/domain/working-time.js';
import { createCatalogReference } from '../catalog/catalog-reference.js';
import { createIntelligenceService } from '../intelligence/intelligence.service.js';
import { createDbStore } from '../orders/attachments/attachment-store.js';
import { createIntakeService } from '../orders/intake.service.js';
import { createOrderNumberAllocator } from '../orders/order-numbers.js';
import { createTimeLimits } from '../orders/time-limits.js';
import { createInProcessBus } from '../platform/bus/bus.js';
import type { Clock } from '../platform/clock.js';
import type { Config } from '../platform/config/config.js';
import type { Db } from '../platform/db/client.js';
import { createUnitDirectory } from '../units/unit-directory.js';
import { createSynonymCache } from '../search/synonyms.js';
import { actorOf } from './demo-legal.js';

/**
 * What the agent finally recorded for a request (the truth the suggestions are measured against). The narratives are
 * the winter wage-arrears peak in 包头 before Spring Festival, and a few other requests of the same days elsewhere.
 */
type DemoRequest = {
  daysAgo: number;
  channel: 'phone' | 'wechat' | 'app' | 'transfer_12345';
  narrative: string;
  typeCode: string;
  subjectCode: string;
  riskFlags: string[];
  workers?: number;
  amount?: number;
  employer?: string;
  place: { text: string; divisionCode: string };
};

const baotou = (county: string, code: string) => ({ text: `包头市${county}`, divisionCode: code });
const peak: DemoRequest[] = [
  {
    daysAgo: 5,
    channel: 'phone',
    narrative: '喂，我们在昆都仑区一个小区项目干木工，十几个人，包工头说开发商没给钱，三个月工资一共十八万一直拖着，眼看要过年了。',
    typeCode: 'complaint',
    subjectCode: 'wage_arrears',
    riskFlags: ['mass'],
    workers: 10,
    amount: 180_000,
    place: baotou('昆都仑区', '150203'),
  },
  {
    daysAgo: 4,
    channel: 'phone',
    narrative: '我在青山区一家机械厂上班，厂里两个月没发工资了，一共欠我九千六，说等年底回款。',
    typeCode: 'complaint',
    subjectCode: 'wage_arrears',
    riskFlags: [],
    workers: 1,
    amount: 9_600,
    place: baotou('青山区', '150204'),
  },
  {
    daysAgo: 4,
    channel: 'wechat',
    narrative: '东河区那个棚改工地，我们班组八个人干完活了，工头跑了，工钱四万多没结，打电话也不接。',
    typeCode: 'complaint',
    subjectCode: 'wage_arrears',
    riskFlags: [],
    workers: 8,
    amount: 40_000,
    place: baotou('东河区', '150202'),
  },
  {
    daysAgo: 3,
    channel: 'phone',
    narrative: '九原区一个物流园的装卸工，我跟我弟两个人，老板欠我们一万二，说年前给，现在又说年后。',
    typeCode: 'complaint',
    subjectCode: 'wage_arrears',
    riskFlags: [],
    workers: 2,
    amount: 12_000,
    place: baotou('九原区', '150207'),
  },
  {
    daysAgo: 3,
    channel: 'transfer_12345',
    narrative: '12345转办：昆都仑区市民反映，包头市恒远建筑劳务有限公司拖欠其与20名工友工资共计35万元，请核实处理。',
    typeCode: 'complaint',
    subjectCode: 'wage_arrears',
    riskFlags: ['mass'],
    workers: 21,
    amount: 350_000,
    employer: '包头市恒远建筑劳务有限公司',
    place: baotou('昆都仑区', '150203'),
  },
  {
    daysAgo: 3,
    channel: 'phone',
    narrative: '我在青山区一个饭店当厨师，干了四个月走的，老板欠我最后两个月工资八千块，说我打碎东西要扣。',
    typeCode: 'complaint',
    subjectCode: 'wage_arrears',
    riskFlags: [],
    workers: 1,
    amount: 8_000,
    place: baotou('青山区', '150204'),
  },
  {
    daysAgo: 2,
    channel: 'phone',
    narrative: '东河区一个供暖管网改造工程，我们三十多个工人工资没拿到，有人说明天去区政府门口拉横幅，我想先找工会。',
    typeCode: 'complaint',
    subjectCode: 'wage_arrears',
    riskFlags: ['mass', 'hidden'],
    workers: 30,
    place: baotou('东河区', '150202'),
  },
  {
    daysAgo: 2,
    channel: 'app',
    narrative: '九原区一家建材厂，拖欠我工资六千五，辞职的时候说下个月发，现在都三个月了。',
    typeCode: 'complaint',
    subjectCode: 'wage_arrears',
    riskFlags: [],
    workers: 1,
    amount: 6_500,
    place: baotou('九原区', '150207'),
  },
  {
    daysAgo: 2,
    channel: 'phone',
    narrative: '昆都仑区那个商业楼项目，钢筋班组十五个人，分包老板说总包没拨款，一共欠了我们二十六万。',
    typeCode: 'complaint',
    subjectCode: 'wage_arrears',
    riskFlags: ['mass'],
    workers: 15,
    amount: 260_000,
    place: baotou('昆都仑区', '150203'),
  },
  {
    daysAgo: 2,
    channel: 'wechat',
    narrative: '我在青山区跟着一个装修队干活，老板姓赵，欠我一万五的工钱不给，人也找不到了，能帮帮我吗',
    typeCode: 'complaint',
    subjectCode: 'wage_arrears',
    riskFlags: [],
    workers: 1,
    amount: 15_000,
    place: baotou('青山区', '150204'),
  },
  {
    daysAgo: 1,
    channel: 'phone',
    narrative: '这是我第二次打电话了，东河区那个工地的工钱还是没给，我们五个人一共三万，工头说等开发商。',
    typeCode: 'complaint',
    subjectCode: 'wage_arrears',
    riskFlags: ['repeat'],
    workers: 5,
    amount: 30_000,
    place: baotou('东河区', '150202'),
  },
  {
    daysAgo: 1,
    channel: 'phone',
    narrative: '九原区一个养殖场，我们两口子干了一年，老板说年底一起结，现在说亏了没钱，两个人四万八。',
    typeCode: 'complaint',
    subjectCode: 'wage_arrears',
    riskFlags: [],
    workers: 2,
    amount: 48_000,
    place: baotou('九原区', '150207'),
  },
  {
    daysAgo: 1,
    channel: 'transfer_12345',
    narrative: '12345转办：青山区市民反映，其在某汽修厂工作，离职后汽修厂拒付工资7200元，要求协助追讨。',
    typeCode: 'complaint',
    subjectCode: 'wage_arrears',
    riskFlags: [],
    workers: 1,
    amount: 7_200,
    place: baotou('青山区', '150204'),
  },
  {
    daysAgo: 1,
    channel: 'phone',
    narrative: '昆都仑区一个厂房项目，我们十二个人现在就在项目部门口等着，项目经理躲着不见，工钱二十万拖了半年了。',
    typeCode: 'complaint',
    subjectCode: 'wage_arrears',
    riskFlags: ['mass'],
    workers: 12,
    amount: 200_000,
    place: baotou('昆都仑区', '150203'),
  },
];
// The same days elsewhere: the usual mix, no surge.
const usual: DemoRequest[] = [
  {
    daysAgo: 5,
    channel: 'phone',
    narrative: '我在赛罕区一家超市上班两年了，公司一直不跟我签劳动合同，现在说不用我了，也不给补偿。',
    typeCode: 'complaint',
    subjectCode: 'labor_contract',
    riskFlags: [],
    workers: 1,
    place: { text: '呼和浩特市赛罕区', divisionCode: '150105' },
  },
  {
    daysAgo: 4,
    channel: 'app',
    narrative: '请问工会的职工医疗互助怎么参加，我们单位没有工会，个人能不能参加？',
    typeCode: 'consult',
    subjectCode: 'mutual_insurance',
    riskFlags: [],
    workers: 1,
    place: { text: '呼和浩特市', divisionCode: '150100' },
  },
  {
    daysAgo: 4,
    channel: 'phone',
    narrative: '东胜区一个煤矿的，井下通风不好，瓦斯报警器早就坏了，班长还让我们下井，我们都不敢去。',
    typeCode: 'complaint',
    subjectCode: 'labor_safety',
    riskFlags: ['danger'],
    workers: 1,
    place: { text: '鄂尔多斯市东胜区', divisionCode: '150602' },
  },
  {
    daysAgo: 3,
    channel: 'wechat',
    narrative: '我是回民区的外卖骑手，送餐路上摔了，平台说我不是员工不算工伤，医药费三千多都是自己出的。',
    typeCode: 'help',
    subjectCode: 'new_forms',
    riskFlags: [],
    workers: 1,
    amount: 3_000,
    place: { text: '呼和浩特市回民区', divisionCode: '150103' },
  },
  {
    daysAgo: 2,
    channel: 'phone',
    narrative: '我怀孕四个月了，公司说我老请假，要把我调到仓库去，不去就算自动离职，这合法吗？',
    typeCode: 'complaint',
    subjectCode: 'women_workers',
    riskFlags: [],
    workers: 1,
    place: { text: '呼和浩特市新城区', divisionCode: '150102' },
  },
  {
    daysAgo: 2,
    channel: 'phone',
    narrative: '集宁区一个老职工，老伴得了尿毒症，一个礼拜透析三次，家里实在拿不出钱了，想申请困难帮扶。',
    typeCode: 'help',
    subjectCode: 'hardship_aid',
    riskFlags: [],
    workers: 1,
    place: { text: '乌兰察布市集宁区', divisionCode: '150902' },
  },
  {
    daysAgo: 1,
    channel: 'app',
    narrative: '建议工会多搞一些线上的技能培训，我们倒班的工人白天没时间去上课。',
    typeCode: 'suggestion',
    subjectCode: 'skills_employment',
    riskFlags: [],
    place: { text: '呼和浩特市', divisionCode: '150100' },
  },
  {
    daysAgo: 1,
    channel: 'phone',
    narrative: '我在海勃湾区一家洗煤厂，每天干十二个小时，一个月只休两天，加班费从来没给过。',
    typeCode: 'complaint',
    subjectCode: 'working_hours',
    riskFlags: [],
    workers: 1,
    place: { text: '乌海市海勃湾区', divisionCode: '150302' },
  },
];

/** The demo's intelligence requests (taken in through intake; not the generator's orders). */
export const demoIntelligenceNarratives: readonly string[] = [...peak, ...usual].map((r) => r.narrative);

const names = ['王师傅', '李师傅', '张女士', '刘师傅', '陈先生', '杨女士', '赵师傅', '黄先生', '周师傅', '吴女士', '郑师傅'];

/**
 * The intelligence pages on first start, through the real path: the demo agent takes in the requests of the last
 * days (the reading suggests, the agent records what the caller really said, and what was kept or changed is
 * recorded per field, so 建议采纳 shows the reader's real hits and misses), then the surge scan runs for each of those
 * days, so 突增预警 shows the 包头 wage-arrears surge with the day it started and 趋势预测 has a rising week.
 * Inner Mongolia's installation only (the narratives name its places), inside the working calendar; no order is
 * taken in today.
 */
export async function seedDemoIntelligence(db: Db, config: Config, clock: Clock): Promise<void> {
  if (config.province !== '150000') return;
  const agent = await actorOf(db, 'agent', 'agent');
  if (!agent) return;
  const now = clock.now();
  // The last days must be inside the working calendar (an installation started after its last year has an older
  // history, demo/demo.seed.ts): no recent days, no surge to show.
  const { lastDay } = await coveredRange(db);
  if (!lastDay || lastDay < localDateOf(now)) return;
  let at = now;
  const past: Clock = { now: () => at };
  const bus = createInProcessBus();
  const reference = createCatalogReference({ db, clock: past, bus });
  const intelligence = createIntelligenceService({ db, clock: past, config });
  const intake = createIntakeService({
    db,
    clock: past,
    config,
    calendar: createCalendarService({ db, clock: past }),
    units: createUnitDirectory({ db, clock: past, bus, province: config.province }),
    reference,
    limits: createTimeLimits(reference),
    synonyms: createSynonymCache({ db, clock: past }),
    bus,
    orderNumbers: createOrderNumberAllocator(db, 1),
    attachments: createDbStore(db),
  });
  const requests = [...peak, ...usual].sort((a, b) => b.daysAgo - a.daysAgo);
  for (const [i, r] of requests.entries()) {
    // Working hours of that day (local 09:00 onwards, a few minutes apart).
    const day = new Date(now.getTime() - r.daysAgo * 86_400_000);
    at = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 1 + (i % 7), (i * 7) % 60));
    const reading = await intelligence.analyze(agent, { text: r.narrative, channel: r.channel });
    const order = await intake.create(agent, {
      channel: r.channel,
      callers: [{ name: names[i % names.length]!, phone: `139047${String(12_000 + i).padStart(5, '0')}` }],
      ...(r.employer ? { employer: { name: r.employer } } : {}),
      place: r.place,
      narrative: r.narrative,
      typeCode: r.typeCode,
      subjectCode: r.subjectCode,
      priority: r.riskFlags.includes('danger') ? 'urgent' : 'normal',
      tier: 'general',
      riskFlags: r.riskFlags,
      ...(r.workers !== undefined ? { workersInvolved: r.workers } : {}),
      ...(r.amount !== undefined ? { amountInvolved: r.amount } : {}),
      confidential: false,
    });
    await intelligence.recordOutcome(agent, {
      orderId: order.id,
      modelVersion: reading.modelVersion,
      suggested: {
        type: reading.type.code,
        subject: reading.subject.code,
        riskFlags: reading.riskFlags,
        workers: reading.workers,
        amountYuan: reading.amountYuan,
        employer: reading.employer,
        place: reading.place?.divisionCode ?? null,
      },
    });
  }
  // The hourly scan on each of those days: a surge is recorded on the day it first fires, with its notice.
  for (let back = 6; back >= 0; back--) await intelligence.scanSurges(new Date(now.getTime() - back * 86_400_000));
}
