import { describe, expect, it } from 'vitest';
import type { OrderEvent } from '../api/types.js';
import { translate } from '../i18n/i18n.js';
import { eventFacts } from './event-summary.js';

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
