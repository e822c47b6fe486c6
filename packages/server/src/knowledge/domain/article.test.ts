import { describe, expect, it } from 'vitest';
import { articleStatuses, checkContent, decideArticle, staleReason, type ArticleAction, type ArticleContent } from './article.js';
import { diffContent, diffLines } from './diff.js';

const editor = { role: 'editor' as const, userId: 'u1', savedBy: 'u2' };
const expected: Record<ArticleAction, Partial<Record<(typeof articleStatuses)[number], string>>> = {
  save: { draft: 'draft', in_review: 'draft', approved: 'draft', published: 'draft' },
  submit: { draft: 'in_review' },
  approve: { in_review: 'approved' },
  reject: { in_review: 'draft' },
  publish: { approved: 'published' },
};

describe('decideArticle', () => {
  const cases = (Object.keys(expected) as ArticleAction[]).flatMap((action) => articleStatuses.map((status) => [action, status] as const));
  it.each(cases)('%s from %s', (action, status) => {
    const d = decideArticle(status, action, editor);
    const next = expected[action][status];
    if (next) expect(d).toEqual({ ok: true, next });
    else expect(d).toMatchObject({ ok: false, code: 'KB_INVALID_TRANSITION' });
  });

  it('refuses every role but the editor', () => {
    expect(decideArticle('draft', 'save', { ...editor, role: 'agent' })).toMatchObject({ ok: false, code: 'KB_EDITOR_REQUIRED' });
    expect(decideArticle('draft', 'save', { ...editor, role: 'administrator' })).toMatchObject({ ok: false, code: 'KB_EDITOR_REQUIRED' });
  });

  it('four eyes: the author of a version neither approves nor rejects it, but may publish it once approved', () => {
    const self = { ...editor, savedBy: 'u1' };
    expect(decideArticle('in_review', 'approve', self)).toMatchObject({ ok: false, code: 'KB_SELF_REVIEW' });
    expect(decideArticle('in_review', 'reject', self)).toMatchObject({ ok: false, code: 'KB_SELF_REVIEW' });
    expect(decideArticle('approved', 'publish', self)).toEqual({ ok: true, next: 'published' });
  });
});

describe('staleReason', () => {
  it.each([
    [{ expiresOn: '2026-12-01', reviewBy: null }, '2026-11-30', null],
    [{ expiresOn: '2026-11-30', reviewBy: null }, '2026-11-30', 'expired'],
    [{ expiresOn: null, reviewBy: '2026-11-30' }, '2026-11-30', null],
    [{ expiresOn: null, reviewBy: '2026-11-29' }, '2026-11-30', 'review_due'],
    [{ expiresOn: null, reviewBy: null, effectiveFrom: '2027-01-01' }, '2026-11-30', 'not_yet_effective'],
  ] as const)('%o on %s → %s', (a, today, reason) => expect(staleReason(a, today)).toBe(reason));
});

describe('checkContent', () => {
  const base: ArticleContent = {
    kind: 'qa',
    title: 't',
    body: 'b',
    subjects: [],
    regions: [],
    tags: [],
    source: null,
    citations: [],
    issuingBody: null,
    effectiveFrom: null,
    expiresOn: null,
    reviewBy: null,
    attachments: [],
  };
  it('a local policy names its region and issuing body; a law its articles; expiry after effect', () => {
    expect(checkContent(base)).toEqual([]);
    expect(checkContent({ ...base, kind: 'local_policy' }).map((p) => p.field)).toEqual(['body.regions', 'body.issuingBody']);
    expect(checkContent({ ...base, kind: 'law' }).map((p) => p.field)).toEqual(['body.citations']);
    expect(checkContent({ ...base, effectiveFrom: '2026-01-01', expiresOn: '2026-01-01' }).map((p) => p.field)).toEqual(['body.expiresOn']);
  });
});

describe('diff', () => {
  it('lines removed and added, common lines kept', () => {
    expect(diffLines('a\nb\nc', 'a\nx\nc')).toEqual([
      { op: 'same', text: 'a' },
      { op: 'removed', text: 'b' },
      { op: 'added', text: 'x' },
      { op: 'same', text: 'c' },
    ]);
    expect(diffLines('', 'a')).toEqual([
      { op: 'removed', text: '' },
      { op: 'added', text: 'a' },
    ]);
  });
  it('changed fields apart from the body; a first version is all additions', () => {
    const d = diffContent({ title: 'a', tags: ['x'], body: 'l1' }, { title: 'b', tags: ['x'], body: 'l1\nl2' });
    expect(d.fields).toEqual([{ field: 'title', before: 'a', after: 'b' }]);
    expect(d.body).toEqual([
      { op: 'same', text: 'l1' },
      { op: 'added', text: 'l2' },
    ]);
    expect(diffContent(null, { title: 'a', body: 'x' }).body).toEqual([{ op: 'added', text: 'x' }]);
  });
});
