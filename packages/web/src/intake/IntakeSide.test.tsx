import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ArticleHit } from '../api/knowledge.js';
import type { IntakeMatches } from '../api/types.js';
import { I18nProvider } from '../i18n/i18n.js';
import { KnowledgeSuggestions } from '../knowledge/KnowledgeSuggestions.js';
import { IntakeSide } from './IntakeSide.js';
import { MatchesPanel } from './MatchesPanel.js';

afterEach(() => vi.unstubAllGlobals());

const article = (n: number): ArticleHit => ({
  articleId: `a${n}`,
  version: 1,
  kind: 'faq',
  title: `欠薪问答 ${n}`,
  titleHighlights: [],
  snippet: '工资应当按月足额以货币支付……',
  highlights: [],
  subjects: [],
  regions: [],
  citations: [],
  score: 1,
});

// The walk-through's case: a known caller with an open order about the same employer.
const matches = {
  callerOrders: [
    {
      id: 'o2',
      number: '12351-150000-20261206-0002',
      state: 'pending_dispatch',
      title: '鑫达建筑拖欠工资',
      subjectCode: 'wage_arrears',
      createdAt: '2026-12-06T00:50:00Z',
      holderUnit: { id: 'u1', name: '内蒙古12351热线中心' },
      isGroup: false,
      callerCount: 1,
      version: 1,
      matchReasons: ['same_number'],
    },
  ],
  employerOpenOrders: [],
  employerRequestsInWindow: 1,
  knownCaller: { name: '李师傅', relation: 'self' },
  suggestedRiskFlags: [],
  suggestedUnit: null,
} as unknown as IntakeMatches;

describe('the side column of the intake console', () => {
  it('shows the intake hints (the caller’s earlier orders) before the five knowledge articles', () => {
    // Reference data (catalog names) is not answered: the panels show codes meanwhile.
    vi.stubGlobal(
      'fetch',
      vi.fn(() => new Promise<Response>(() => undefined)),
    );
    render(
      <I18nProvider initial="zh">
        <IntakeSide
          hints={
            <MatchesPanel
              matches={matches}
              loading={false}
              error={null}
              riskFlags={[]}
              cleared={[]}
              onApplyFlag={() => undefined}
              onClearFlag={() => undefined}
              onRestoreFlag={() => undefined}
              onAttach={() => undefined}
              attachingId={null}
              hasQuery
            />
          }
          knowledge={<KnowledgeSuggestions items={[1, 2, 3, 4, 5].map(article)} status="ready" canAnswer busy={false} onAnswer={() => undefined} />}
          reading={<div data-testid="reading" />}
          footer={null}
        />
      </I18nProvider>,
    );
    const side = screen.getByTestId('intake-side');
    const cards = [...side.children].map((c) => (c.classList.contains('matches-card') ? 'hints' : c.getAttribute('data-testid')));
    expect(cards).toEqual(['hints', 'knowledge-suggestions', 'reading']);
    expect(side.firstElementChild!.textContent).toContain('12351-150000-20261206-0002');
  });
});
