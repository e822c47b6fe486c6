import { describe, expect, it } from 'vitest';
import { noticesFor, type OrderPlace } from '../../supervision/domain/notices.js';
import type { Signal, SignalKind } from '../../supervision/domain/timers.js';
import { waveNotices } from '../../supervision/domain/waves.js';
import { orderLabel } from './notice.js';
import { noticeEnglish, noticeTemplates } from './notice-english.js';

const names = { subject: (s: string) => ({ 欠薪讨薪: 'Wage arrears', wage_arrears: 'Wage arrears', 工伤与职业病: 'Work injury' })[s] };
const en = (s: string) => noticeEnglish(s, names);
const chinese = /[\u4e00-\u9fff]/;

const place = (number: string, id = number): OrderPlace => ({
  id,
  number,
  subjectName: '欠薪讨薪',
  state: 'handling',
  holderUnitId: 'county',
  holderChain: ['root', 'city', 'county'],
  hopDispatcherUnitId: 'city',
  intakeUnitId: 'centre',
  dispatchUnitId: 'centre',
  chains: {},
});
// 2026-12-01 17:30 in Beijing.
const dueAt = new Date('2026-12-01T09:30:00Z');
const signal = (kind: SignalKind, step: string | null = 'reply', extra: Partial<Signal> = {}): Signal => ({
  kind,
  orderId: 'o1',
  step,
  dueAt,
  key: `${kind}:o1`,
  ...extra,
});
const kinds: SignalKind[] = ['emergency', 'near_due', 'overdue', 'escalated', 'progress_missing', 'callback_due', 'callback_retry', 'instruction_requested'];

describe('a notification read in English', () => {
  it.each(kinds)('every notice of the timers (%s) has no Chinese left, its step and time in English', (kind) => {
    const all = [
      ...noticesFor(signal(kind), place('12351-150000-20261201-0001')),
      ...noticesFor(signal(kind, 'callback', { awaited: 'provincial' }), place('12351-150000-20261201-0001')),
    ];
    for (const n of all) {
      expect(en(n.title), n.title).not.toMatch(chinese);
      expect(en(n.body ?? ''), n.body ?? '').not.toMatch(chinese);
    }
  });

  it('names the order by number and English subject, the step and the Beijing time', () => {
    const [near] = noticesFor(signal('near_due'), place('12351-150000-20261201-0001'));
    expect(near!.title).toBe('临期提醒：工单 12351-150000-20261201-0001（欠薪讨薪）办结反馈将于 12月1日 17:30 到期');
    expect(en(near!.title)).toBe('Due soon: order 12351-150000-20261201-0001 (Wage arrears), reply step due Dec 1, 17:30');
    const [, report] = noticesFor(signal('overdue', 'dispatch'), place('12351-150000-20261201-0001'));
    expect(en(report!.title)).toBe('Overdue report: order 12351-150000-20261201-0001 (Wage arrears), dispatch step overdue (due Dec 1, 17:30)');
    expect(en(report!.body!)).toBe('A unit below is overdue: please follow it up.');
    const [missing] = noticesFor(signal('progress_missing', null), place('12351-150000-20261201-0001'));
    expect(en(missing!.body!)).toBe('No progress recorded on Dec 1: an emergency order reports progress every working day.');
  });

  it('tells a wave as the first order and how many more, with the numbers', () => {
    const wave = ['0001', '0002', '0003'].map((n) => ({
      s: signal('overdue', 'sign', { orderId: n, key: `overdue:${n}` }),
      employerKey: 'e',
      place: place(`12351-150000-20261201-${n}`),
    }));
    const [urge] = waveNotices(wave);
    expect(en(urge!.title)).toBe(
      'Urging notice: order 12351-150000-20261201-0001 (Wage arrears) and 2 more orders of the same employer, sign-for step overdue since Dec 1, 17:30',
    );
    expect(en(urge!.body!)).toBe(
      'Please handle it at once and report progress. 3 orders of one employer at one handling unit: 12351-150000-20261201-0001, 12351-150000-20261201-0002, 12351-150000-20261201-0003.',
    );
  });

  it.each([
    ['新工单待签收：12351-150000-20261201-0001', 'New order to sign for: 12351-150000-20261201-0001'],
    ['回访不满意，工单重启办理：12351-150000-20261201-0001', 'Callback dissatisfied, the order is reopened: 12351-150000-20261201-0001'],
    [`催办：${orderLabel('12351-150000-20261201-0001', '工伤与职业病')}`, 'Urged: order 12351-150000-20261201-0001 (Work injury)'],
    [
      '新城区总工会 孙丽：请今日内联系企业。（请于 2026-11-24T09:30:00.000Z 前答复）',
      '新城区总工会 孙丽: 请今日内联系企业。 (answer by 2026-11-24T09:30:00.000Z)',
    ],
    ['批示已确认：工单 12351-150000-20261201-0001', 'Instruction acknowledged: order 12351-150000-20261201-0001'],
    [
      '周例会督办事项已超期：工单 12351-150000-20261118-0001（期限 2026-12-04）',
      'Weekly review item overdue: order 12351-150000-20261118-0001 (due 2026-12-04)',
    ],
    ['2026-11 月度通报：超期 3 件、退单 0 件、不满意 1 件', 'Monthly circular 2026-11: 3 overdue, 0 returned, 1 dissatisfied'],
    ['诉求激增：包头市 wage_arrears 本周 12 件（常态约 0.72 件）', 'Surge: Wage arrears in 包头市, 12 this week (usually about 0.72)'],
    [
      '某公司已列入风险用人单位名录（近90天被诉求3次；涉及金额大（单笔≥50万元）；涉及职工多（35人）），请安排法律监督走访。',
      '某公司 is on the risk-employer register (3 requests in the last 90 days; large amounts (one of 500,000 yuan or more); many workers (35)): please arrange a legal-supervision visit.',
    ],
    ['知识条目待审核：欠薪讨薪的办理时限', 'Knowledge article to review: 欠薪讨薪的办理时限'],
    ['李编辑 提交了第 2 版：补充了时限依据', '李编辑 submitted version 2: 补充了时限依据'],
    ['李编辑 提交了第 3 版', '李编辑 submitted version 3'],
  ])('%s', (zh, out) => expect(en(zh)).toBe(out));

  it('keeps a subject the catalog does not know, and a text no pattern knows, as written', () => {
    expect(en('应急工单：工单 12351-150000-20261201-0001（新事项）')).toBe('Emergency order: order 12351-150000-20261201-0001 (新事项)');
    expect(en('由承办单位主要负责人牵头，三个工作日内约谈企业')).toBe('由承办单位主要负责人牵头，三个工作日内约谈企业');
  });

  it('has English for every template, and the same slots in both', () => {
    const slots = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [zh, e] of noticeTemplates) {
      expect(e, zh).not.toMatch(chinese);
      expect(slots(e), zh).toEqual(slots(zh));
    }
  });
});
