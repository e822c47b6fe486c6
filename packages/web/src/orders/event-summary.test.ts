import { describe, expect, it } from 'vitest';
import type { OrderEvent } from '../api/types.js';
import { translate } from '../i18n/i18n.js';
import { eventFacts, eventNote } from './event-summary.js';

const attach = (data: Record<string, unknown>) => ({ action: 'attach_caller', data }) as unknown as OrderEvent;

describe('a risk flag change on the timeline', () => {
  const added = attach({
    channel: 'phone',
    callerCount: 2,
    riskFlags: { before: [], after: ['mass'] },
    limits: { priority: { from: 'normal', to: 'major' }, step: 'sign', dueAt: { from: '2026-12-01T09:30:00.000Z', to: '2026-11-30T02:30:00.000Z' } },
  });
  const cleared = attach({
    channel: 'phone',
    callerCount: 3,
    riskFlags: { before: ['mass'], after: [] },
    limits: { priority: { from: 'major', to: 'normal' }, step: 'sign', dueAt: { from: '2026-11-30T02:30:00.000Z', to: '2026-12-01T09:30:00.000Z' } },
  });

  it('reads in Chinese: the flags, the mechanism entered or left, the deadline from → to', () => {
    const zh = (text: string, vars?: Record<string, string | number>) => translate('zh', text, vars);
    const facts = eventFacts(added, zh);
    expect(facts).toContain('风险标识：无 → 众');
    expect(facts).toContain('进入应急机制，时限按重大工单计');
    expect(facts.find((f) => f.startsWith('当前环节期限：'))).toMatch(/→/);
    expect(eventFacts(cleared, zh)).toContain('退出应急机制，时限按一般工单计');
  });

  it('reads in English', () => {
    const en = (text: string, vars?: Record<string, string | number>) => translate('en', text, vars);
    expect(eventFacts(added, en)).toContain('Enters the emergency mechanism: limits as for a major order');
    expect(eventFacts(cleared, en)).toContain('Leaves the emergency mechanism: limits by its priority, Normal');
  });

  it('says nothing of limits when the flags left them as they were', () => {
    const zh = (text: string, vars?: Record<string, string | number>) => translate('zh', text, vars);
    const facts = eventFacts(attach({ channel: 'phone', callerCount: 2, riskFlags: { before: ['mass'], after: ['mass'] } }), zh);
    expect(facts).toEqual(['来电人共 2 名']);
  });
});

describe('a note the system wrote, in the interface language', () => {
  const en = (text: string, vars?: Record<string, string | number>) => translate('en', text, vars);
  const zh = (text: string, vars?: Record<string, string | number>) => translate('zh', text, vars);
  // As supervision.scan.ts writes a timer's event: the signal's name and its deadline in Beijing time.
  const escalated = {
    action: 'overdue_escalation',
    data: { signal: 'escalated', deadlineStep: 'dispatch', dueAt: '2026-12-04T06:28:00.000Z' },
    note: '超期升级（12月4日 14:28）',
  } as unknown as OrderEvent;

  it("says a timer's note from its signal and deadline", () => {
    // In Chinese too, the deadline in the page's one time format, not the stored note's "12月4日".
    expect(eventNote(escalated, zh, 'zh')).toBe('超期升级（2026-12-04 14:28）');
    expect(eventNote({ ...escalated, note: '超期升级（派单时限 12月4日 14:28）' } as OrderEvent, zh, 'zh')).toBe('超期升级（派单时限 2026-12-04 14:28）');
    // A note without its deadline in the data is shown as stored.
    expect(eventNote({ ...escalated, data: { signal: 'escalated' } } as unknown as OrderEvent, zh, 'zh')).toBe('超期升级（12月4日 14:28）');
    expect(eventNote(escalated, en, 'en')).toBe('Overdue escalation (2026-12-04 14:28)');
    // The note naming the step's deadline (supervision/domain/notices.ts signalNote).
    expect(eventNote({ ...escalated, note: '超期升级（派单时限 12月4日 14:28）' } as OrderEvent, en, 'en')).toBe(
      'Overdue escalation (Dispatch deadline 2026-12-04 14:28)',
    );
    expect(eventNote({ ...escalated, note: '超期升级（期限 12月4日 14:28）' } as OrderEvent, en, 'en')).toBe('Overdue escalation (due 2026-12-04 14:28)');
    const retry = { action: 'callback_retry_due', data: { signal: 'callback_retry', dueAt: null }, note: '二次回访' } as unknown as OrderEvent;
    expect(eventNote(retry, en, 'en')).toBe('Second callback');
  });

  it('says the way chosen for an emergency order, keeping the words written with it', () => {
    const way = (note: string) => ({ action: 'record_emergency_way', data: { way: 'dispatch' }, note }) as unknown as OrderEvent;
    expect(eventNote(way('派单交办：已交属地工会'), en, 'en')).toBe('Dispatch: 已交属地工会');
    expect(eventNote(way('派单交办'), en, 'en')).toBe('Dispatch');
    expect(eventNote(way('派单交办：已交属地工会'), zh, 'zh')).toBe('派单交办：已交属地工会');
  });

  it('shows what a person wrote as written', () => {
    const note = { action: 'add_note', data: { kind: 'visit' }, note: '到用人单位实地走访' } as unknown as OrderEvent;
    expect(eventNote(note, en, 'en')).toBe('到用人单位实地走访');
    // A timer's note that does not read as the server writes it is not guessed at.
    expect(eventNote({ ...escalated, note: '应急机制启动：众、多' } as OrderEvent, en, 'en')).toBe('应急机制启动：众、多');
  });

  it('lists names with a comma in English', () => {
    const dispatched = { action: 'dispatch', data: { toUnit: { name: '甲' }, coHandlers: [{ name: '乙' }, { name: '丙' }] } } as unknown as OrderEvent;
    expect(eventFacts(dispatched, en)).toContain('Co-handlers: 乙, 丙');
    expect(eventFacts(dispatched, zh)).toContain('协办：乙、丙');
  });
});

describe('a reply given while co-handlers had not reported (walk-through: archived with both co-handlers 待反馈)', () => {
  const zh = (text: string, vars?: Record<string, string | number>) => translate('zh', text, vars);
  const en = (text: string, vars?: Record<string, string | number>) => translate('en', text, vars);
  const reply = (coHandlersWithoutReply: string[]) =>
    ({
      action: 'reply',
      data: {
        outcome: { resolved: true, measures: '已约谈', amountRecovered: 0, workersHelped: 0 },
        onTime: true,
        coHandlersWithoutReply,
        withdrawnExtension: false,
      },
    }) as unknown as OrderEvent;
  const names = new Map([
    ['u1', '新城区人社局'],
    ['u2', '新城区劳动监察大队'],
  ]);

  it('names the co-handlers without feedback on the timeline', () => {
    expect(eventFacts(reply(['u1', 'u2']), zh, names)).toContain('协办单位未反馈：新城区人社局、新城区劳动监察大队');
    expect(eventFacts(reply(['u1', 'u2']), en, names)).toContain('Co-handlers without feedback: 新城区人社局, 新城区劳动监察大队');
  });

  it('counts them when a name is unknown, and says nothing when every co-handler reported', () => {
    expect(eventFacts(reply(['u1', 'u9']), zh, names)).toContain('2 个协办单位未反馈');
    expect(eventFacts(reply(['u1']), zh)).toContain('1 个协办单位未反馈');
    expect(eventFacts(reply([]), zh, names).some((f) => f.includes('协办'))).toBe(false);
  });
});

describe('a rework that keeps an approved extension', () => {
  it('says the extended date is kept', () => {
    const zh = (text: string, vars?: Record<string, string | number>) => translate('zh', text, vars);
    const e = { action: 'review_rework', data: { decision: 'rework', reason: 'x', keptExtendedDueAt: '2026-12-16T09:30:00.000Z' } } as unknown as OrderEvent;
    expect(eventFacts(e, zh).find((f) => f.startsWith('保留已批准的延期，办结期限 '))).toBeTruthy();
  });
});

describe("a co-handler's invitation on the timeline", () => {
  const zh = (text: string, vars?: Record<string, string | number>) => translate('zh', text, vars);
  // As the server writes it (inviteCoHandlerEffect): the task is the event's note and in its data.
  const invited = {
    action: 'invite_co_handler',
    data: { coHandler: { id: 'u-1', name: '新城区某街道工会' }, task: '核实企业注册地并约谈负责人' },
    note: '核实企业注册地并约谈负责人',
  } as unknown as OrderEvent;

  it('shows the task once: the note, not again among the facts', () => {
    const shown = [...eventFacts(invited, zh), eventNote(invited, zh, 'zh')].join('\n');
    expect(shown.split('核实企业注册地并约谈负责人')).toHaveLength(2);
    expect(eventFacts(invited, zh)).toEqual(['协办单位：新城区某街道工会']);
  });

  it('still says a task the note does not carry', () => {
    expect(eventFacts({ ...invited, note: null } as OrderEvent, zh)).toEqual(['协办单位：新城区某街道工会', '任务：核实企业注册地并约谈负责人']);
  });
});
