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
});
