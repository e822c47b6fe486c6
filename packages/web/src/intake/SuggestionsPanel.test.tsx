import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Reading } from '../api/intelligence.js';
import type { Catalog } from '../api/types.js';
import { I18nProvider } from '../i18n/i18n.js';
import { SuggestionsPanel } from './SuggestionsPanel.js';

const version = 'reader-8.834-d57532f0';
const reading = {
  type: { code: 'consult', confidence: 0.81 },
  subject: { code: 'working_hours', confidence: 0.9, alternatives: [] },
  riskFlags: [],
  urgent: false,
  dangerBasis: null,
  workers: null,
  amountYuan: null,
  employer: null,
  place: null,
  evidence: { type: ['请问'], subject: ['年假'], riskFlags: {}, workers: [], amountYuan: [], employer: [], place: [] },
  modelVersion: version,
  suggestedUnitId: null,
  suggestedUnit: null,
  related: { sameEmployer: [], similar: [], suggestedGroup: null },
} as unknown as Reading;

describe('SuggestionsPanel', () => {
  it('shows the agent the suggestions, not the version of the model that read them (only in the title’s tooltip)', async () => {
    render(
      <I18nProvider initial="zh">
        <SuggestionsPanel reading={reading} loading={false} values={{}} catalog={null} onAccept={() => undefined} />
      </I18nProvider>,
    );
    expect(screen.getByTestId('suggestion-type').textContent).toContain('consult（81%）');
    expect(screen.getByTestId('suggestions').textContent).not.toContain(version);
    fireEvent.mouseEnter(screen.getByTestId('suggestions-title'));
    expect((await screen.findByRole('tooltip')).textContent).toBe(`模型版本：${version}`);
  });

  it('says the confidence in the interface language’s brackets', () => {
    const catalog = {
      types: [{ code: 'consult', nameZh: '咨询', nameEn: 'Enquiry' }],
      subjects: [{ code: 'working_hours', nameZh: '工时休假', nameEn: 'Working hours' }],
      riskFlags: [],
    } as unknown as Catalog;
    const { unmount } = render(
      <I18nProvider initial="en">
        <SuggestionsPanel reading={reading} loading={false} values={{}} catalog={catalog} onAccept={() => undefined} />
      </I18nProvider>,
    );
    expect(screen.getByTestId('suggestion-type').textContent).toContain('Enquiry (81%)');
    expect(screen.getByTestId('suggestion-subject').textContent).toContain('Working hours (90%)');
    for (const f of ['type', 'subject']) expect(screen.getByTestId(`suggestion-${f}`).textContent).not.toMatch(/[（）]/);
    unmount();
    render(
      <I18nProvider initial="zh">
        <SuggestionsPanel reading={reading} loading={false} values={{}} catalog={catalog} onAccept={() => undefined} />
      </I18nProvider>,
    );
    expect(screen.getByTestId('suggestion-type').textContent).toContain('咨询（81%）');
  });

  it('says a 多 from the same employer and a suggested group order in the interface language, not the server’s Chinese', () => {
    const repeated = {
      ...reading,
      riskFlags: ['repeat'],
      repeatBasis: { days: 30, count: 2 },
      evidence: { ...reading.evidence, riskFlags: { repeat: ['30天内同一用人单位已有 2 件'] } },
      related: {
        sameEmployer: [],
        similar: [],
        suggestedGroup: { orderId: 'o1', number: '202612010001', size: 3, reason: '近30天内 2 件相关诉求（同一用人单位或内容相近），建议并入群体工单' },
      },
    } as unknown as Reading;
    const { unmount } = render(
      <I18nProvider initial="en">
        <SuggestionsPanel reading={repeated} loading={false} values={{}} catalog={null} onAccept={() => undefined} />
      </I18nProvider>,
    );
    expect(screen.getByTestId('risk-evidence-repeat').textContent).toBe('repeat From: 2 requests about the same employer in 30 days');
    expect(screen.getByTestId('suggested-group').textContent).toBe(
      'Suggested group order 202612010001: 2 related requests in the last 30 days (same employer or similar text): merge into the group order',
    );
    unmount();
    render(
      <I18nProvider initial="zh">
        <SuggestionsPanel reading={repeated} loading={false} values={{}} catalog={null} onAccept={() => undefined} />
      </I18nProvider>,
    );
    expect(screen.getByTestId('risk-evidence-repeat').textContent).toBe('repeat 依据：30天内同一用人单位已有 2 件');
    expect(screen.getByTestId('suggested-group').textContent).toBe(
      '建议并入群体工单 202612010001：近30天内 2 件相关诉求（同一用人单位或内容相近），建议并入群体工单',
    );
  });
});
