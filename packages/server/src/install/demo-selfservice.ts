import { eq } from 'drizzle-orm';
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
import { membershipApplications } from '../selfservice/selfservice.tables.js';
import { createSelfService } from '../selfservice/selfservice.service.js';
import { createVerification } from '../selfservice/verification.js';
import { createServiceGroupsService } from '../service-groups/service-groups.service.js';
import { serviceGroups } from '../service-groups/service-groups.tables.js';
import { createUnitDirectory } from '../units/unit-directory.js';
import { createSynonymCache } from '../search/synonyms.js';
import { units } from '../units/units.tables.js';
import { systemActorSource } from './system-actor.js';

/** How many requests the demo's self-service page has received (they wait for an agent's check). */
export const demoSelfServiceRequests = 3;

/**
 * The worker's own page and the WeChat service groups on a fresh demo: requests from the page waiting for the
 * agents' check (through the real intake and intelligence path), a membership application in each state at the
 * demo handler's union, and two service groups whose messages went through the real reading (drafts for the chair).
 */
export async function seedDemoSelfService(db: Db, config: Config, clock: Clock): Promise<void> {
  const now = clock.now();
  // The page's requests came in last evening: today's order numbers stay the first real intake's.
  const evening = { now: () => new Date(now.getTime() - 16 * 3_600_000) };
  const bus = createInProcessBus();
  const reference = createCatalogReference({ db, clock, bus });
  const unitDirectory = createUnitDirectory({ db, clock, bus, province: config.province });
  const system = systemActorSource(db, clock, config.province);
  const intelligence = createIntelligenceService({ db, clock, config });
  const intake = createIntakeService({
    db,
    clock: evening,
    config,
    calendar: createCalendarService({ db, clock }),
    units: unitDirectory,
    reference,
    limits: createTimeLimits(reference),
    synonyms: createSynonymCache({ db, clock: clock }),
    bus,
    orderNumbers: createOrderNumberAllocator(db, 1),
    attachments: createDbStore(db),
  });
  const selfService = createSelfService({
    db,
    clock,
    verification: createVerification({ db, clock, sms: null }),
    intelligence,
    intake,
    units: unitDirectory,
    system,
  });

  // Requests as the page makes them (the phone was proved there; here the demo stands in for the code).
  const requests = [
    {
      name: '李建军',
      phone: '13904711201',
      narrative: '呼和浩特市新城区某建筑劳务公司拖欠我们 12 名农民工三个月工资共 18 万元，老板一直不接电话。',
      employer: { name: '呼和浩特市鑫达建筑劳务有限公司' },
      place: { text: '呼和浩特市新城区' },
    },
    {
      name: '王丽',
      phone: '13904711202',
      narrative: '我在新城区一家超市上班两年，公司一直没给交社保，现在要辞退我也不给经济补偿。',
      place: { text: '呼和浩特市新城区' },
    },
    { name: '张伟', phone: '13904711203', narrative: '外卖骑手送餐途中摔伤，平台说我们不是员工不管，工伤怎么认定？', confidential: true },
  ];
  // Not today's: the demo's own `evening` clock above (intake); the reading needs no clock.
  for (const r of requests) {
    await intake.receiveUnattended(await system(), await selfService.preClassified({ code: '', confidential: false, ...r }, 'self_service', r.phone));
  }

  // Membership applications at the demo handler's union (新城区总工会), one in each state.
  const [county] = await db.select().from(units).where(eq(units.divisionCode, '150102'));
  if (county) {
    const day = localDateOf(now).replaceAll('-', '');
    const base = { unitId: county.id, unitPath: county.path, divisionCode: '150102', placeText: '呼和浩特市新城区' };
    const ago = (h: number) => new Date(now.getTime() - h * 3_600_000);
    await db.insert(membershipApplications).values([
      {
        ...base,
        number: `RH${day}000101`,
        name: '赵敏',
        phone: '13904711301',
        employer: '呼和浩特市某某餐饮有限公司',
        industry: '餐饮',
        state: 'received',
        createdAt: ago(3),
      },
      {
        ...base,
        number: `RH${day}000102`,
        name: '孙强',
        phone: '13904711302',
        employer: '内蒙古某快递服务有限公司',
        industry: '快递',
        state: 'received',
        createdAt: ago(20),
      },
      {
        ...base,
        number: `RH${day}000103`,
        name: '周芳',
        phone: '13904711303',
        employer: '新城区某物业服务有限公司',
        industry: '物业',
        state: 'accepted',
        version: 2,
        createdAt: ago(50),
        decidedAt: ago(30),
      },
      {
        ...base,
        number: `RH${day}000104`,
        name: '吴磊',
        phone: '13904711304',
        employer: '呼和浩特市某网约车服务有限公司',
        industry: '网约车',
        state: 'card_issued',
        version: 3,
        cardNumber: `HY${day}000104`,
        createdAt: ago(120),
        decidedAt: ago(100),
        cardIssuedAt: ago(80),
      },
      {
        ...base,
        number: `RH${day}000105`,
        name: '郑浩',
        phone: '13904711305',
        employer: '个人',
        industry: '其他',
        state: 'declined',
        version: 2,
        declineReason: '未提供工作单位，请补充后重新申请',
        createdAt: ago(72),
        decidedAt: ago(60),
      },
    ]);
    // Two service groups of the county's union, and what their members wrote this morning.
    const groups = createServiceGroupsService({ db, clock, secret: undefined, intelligence, intake, selfService, system });
    await db.insert(serviceGroups).values([
      { chatId: 'demo-xincheng-builders', name: '新城区建筑工人服务群', unitId: county.id, chairUserId: null, createdAt: now },
      { chatId: 'demo-xincheng-riders', name: '新城区新就业形态劳动者服务群', unitId: county.id, chairUserId: null, createdAt: now },
    ]);
    const at = (m: number) => new Date(now.getTime() - m * 60_000).toISOString();
    await groups.receive({
      chatId: 'demo-xincheng-builders',
      messages: [
        { msgId: 'd1', from: { id: 'wx-01', name: '老刘' }, text: '大家早上好！', at: at(180) },
        { msgId: 'd2', from: { id: 'wx-02', name: '马师傅' }, text: '我们工地老板拖欠 20 多个工人两个月工资了，打电话也不接，怎么办？', at: at(150) },
        { msgId: 'd3', from: { id: 'wx-03', name: '小陈' }, text: '谢谢工会上次帮忙！', at: at(120) },
      ],
    });
    await groups.receive({
      chatId: 'demo-xincheng-riders',
      messages: [
        { msgId: 'd1', from: { id: 'wx-11', name: '骑手小王' }, text: '站点说下个月起每单罚款 5 元押金不退，还不给交保险，好几十个骑手都有意见', at: at(90) },
        { msgId: 'd2', from: { id: 'wx-12', name: '骑手老杨' }, text: '今天雨大，大家注意安全', at: at(60) },
      ],
    });
  }
}
