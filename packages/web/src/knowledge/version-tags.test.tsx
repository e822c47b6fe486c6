import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '../i18n/i18n.js';
import { notificationLink } from '../notifications/NotificationsPage.js';
import { openingTab, shownTab } from './KnowledgePage.js';
import { versionParts } from './labels.js';
import { VersionTags } from './VersionTags.js';

describe('an article’s versions in the list', () => {
  it.each([
    // A live article with a new draft: both, the published one first (the walk-through's "草稿 · 2").
    [
      { status: 'draft', version: 2, publishedVersion: 1 },
      [
        ['published', 1],
        ['draft', 2],
      ],
    ],
    [
      { status: 'in_review', version: 3, publishedVersion: 1 },
      [
        ['published', 1],
        ['in_review', 3],
      ],
    ],
    [
      { status: 'approved', version: 2, publishedVersion: 1 },
      [
        ['published', 1],
        ['approved', 2],
      ],
    ],
    // Published and nothing newer; never published.
    [{ status: 'published', version: 2, publishedVersion: 2 }, [['published', 2]]],
    [{ status: 'draft', version: 1, publishedVersion: null }, [['draft', 1]]],
    [{ status: 'in_review', version: 2, publishedVersion: null }, [['in_review', 2]]],
  ])('%j → %j', (a, parts) => {
    expect(versionParts(a).map((p) => [p.status, p.version])).toEqual(parts);
  });

  it('shows 已发布 v1 · 草稿 v2, red when the published version is past its dates', () => {
    const { unmount } = render(
      <I18nProvider initial="zh">
        <VersionTags article={{ status: 'draft', version: 2, publishedVersion: 1, stale: null }} />
      </I18nProvider>,
    );
    const tags = () => [...screen.getByTestId('version-tags').querySelectorAll('.ant-tag')];
    expect(tags().map((t) => t.textContent)).toEqual(['已发布 v1', '草稿 v2']);
    unmount();
    render(
      <I18nProvider initial="en">
        <VersionTags article={{ status: 'draft', version: 2, publishedVersion: 1, stale: 'expired' }} />
      </I18nProvider>,
    );
    expect(tags().map((t) => t.textContent)).toEqual(['Published v1', 'Draft v2']);
    expect(tags()[0]!.className).toContain('red');
  });
});

describe('the knowledge page’s tabs', () => {
  it('opens an editor on 待我审核 when versions wait for them, else on the search', () => {
    expect(openingTab(true, 2)).toBe('review');
    expect(openingTab(true, 0)).toBe('search');
    expect(openingTab(false, 3)).toBe('search');
  });

  it('shows the tab the address names when the role has it (a notice links to ?tab=review)', () => {
    expect(shownTab('review', true, 'search')).toBe('review');
    expect(shownTab('articles', true, 'review')).toBe('articles');
    expect(shownTab('search', true, 'review')).toBe('search');
    expect(shownTab(null, true, 'review')).toBe('review');
    expect(shownTab(null, true, null)).toBeNull();
    // An agent has the search only.
    expect(shownTab('review', false, 'search')).toBe('search');
    expect(shownTab('nonsense', true, 'search')).toBe('search');
  });

  it('a notification leads to its order, else to the page its notice names', () => {
    expect(notificationLink({ orderId: 'o1', data: { path: '/knowledge' } })).toBe('/orders/o1');
    expect(notificationLink({ orderId: null, data: { articleId: 'a', path: '/knowledge?tab=review&article=a' } })).toBe('/knowledge?tab=review&article=a');
    expect(notificationLink({ orderId: null, data: { path: 'https://example.com/' } })).toBeNull();
    expect(notificationLink({ orderId: null, data: { path: '//example.com/' } })).toBeNull();
    expect(notificationLink({ orderId: null, data: null })).toBeNull();
  });
});
