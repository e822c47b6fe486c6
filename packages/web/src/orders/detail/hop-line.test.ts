import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hopStatuses } from '../../api/types.js';
import { translate, type T } from '../../i18n/i18n.js';
import { hopStatusLabels } from '../../shared/labels.js';
import { hopSignText, hopStatusText, hopStepStatus } from './hop-line.js';

const zh: T = (s, v) => translate('zh', s, v);
const en: T = (s, v) => translate('en', s, v);

/** The statuses the server writes (orders/domain/effects.ts hopStatuses). */
const serverHopStatuses = () => {
  const source = fs.readFileSync(path.resolve(__dirname, '../../../../server/src/orders/domain/effects.ts'), 'utf8');
  const list = /export const hopStatuses = \[([^\]]+)\]/.exec(source)?.[1] ?? '';
  return [...list.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]!);
};

describe('流转路径 names every hop status', () => {
  it('lists the server’s statuses (the API’s enum)', () => expect([...hopStatuses].sort()).toEqual(serverHopStatuses().sort()));

  it.each([...hopStatuses])('%s has a Chinese name and an English one', (s) => {
    const name = hopStatusLabels[s];
    expect(name).toMatch(/[\u4e00-\u9fff]/);
    expect(hopStatusText({ status: s }, en)).not.toMatch(/[\u4e00-\u9fff_]/);
    expect(hopStatusText({ status: s }, en)).not.toBe(s);
  });

  it('says a passed-down hop and a withdrawn one in words', () => {
    expect(hopStatusText({ status: 'redispatched' }, zh)).toBe('已下派');
    expect(hopStatusText({ status: 'withdrawn' }, zh)).toBe('已改派');
    expect(hopStepStatus({ status: 'withdrawn' })).toBe('wait');
    expect(hopStepStatus({ status: 'redispatched' })).toBe('finish');
  });
});

describe('a hop’s signing', () => {
  it('says when it was signed for, not the action', () => {
    const h = { signedAt: '2026-03-02T01:00:00.000Z', signDueAt: '2026-03-02T08:00:00.000Z', status: 'signed' as const };
    expect(hopSignText(h, en)).toMatch(/^Signed at 2026-/);
    expect(hopSignText(h, zh)).toMatch(/^签收于 2026-/);
  });
  it('says by when it is due while open', () => {
    expect(hopSignText({ signedAt: null, signDueAt: '2026-03-02T08:00:00.000Z', status: 'open' }, en)).toMatch(/^Sign-for deadline 2026-/);
    expect(hopSignText({ signedAt: null, signDueAt: null, status: 'open' }, en)).toBeNull();
    // Passed down unsigned: no deadline left to show.
    expect(hopSignText({ signedAt: null, signDueAt: '2026-03-02T08:00:00.000Z', status: 'redispatched' }, en)).toBeNull();
  });
});
