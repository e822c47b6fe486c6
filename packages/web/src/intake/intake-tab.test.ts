import { describe, expect, it } from 'vitest';
import { emptyIntake, intakeTabId, loadDraft, saveDraft, type Draft } from './intake-form.js';
import { claimFreshMs, claimKey, claimRenewMs, createIntakeTab, decideTabId, type TabEnv } from './intake-tab.js';

/** A Storage in memory: one per tab for sessionStorage, one shared by every tab for localStorage. */
class MemoryStorage implements Storage {
  private items = new Map<string, string>();
  constructor(from?: MemoryStorage) {
    if (from) this.items = new Map(from.items);
  }
  get length() {
    return this.items.size;
  }
  key(i: number) {
    return [...this.items.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.items.set(k, String(v));
  }
  removeItem(k: string) {
    this.items.delete(k);
  }
  clear() {
    this.items.clear();
  }
}

const draft = (narrative: string, callKey: string): Draft => ({ values: { ...emptyIntake(), narrative }, startedAt: 1, callKey });

describe('a duplicated tab, in the browser', () => {
  it('takes its own id and is offered the original’s draft once under a new call key; then the two never overwrite each other', () => {
    // The original tab's page: its id in sessionStorage (copied into the duplicate), its live claim, its draft.
    sessionStorage.setItem('hotline.intake.tab', 'tab-original');
    localStorage.setItem(claimKey('tab-original'), JSON.stringify({ page: 'original-page', at: Date.now() }));
    saveDraft('u1', draft('原标签页的诉求', 'k-original'), 'tab-original');

    const id = intakeTabId();
    expect(id).not.toBe('tab-original');
    expect(sessionStorage.getItem('hotline.intake.tab')).toBe(id);
    // The copy is offered at the page's first look (test files share this module: named here, not left to the page).
    const offered = loadDraft('u1', id, 'tab-original');
    expect(offered?.values.narrative).toBe('原标签页的诉求');
    expect(offered?.callKey).not.toBe('k-original');
    // Typing in the duplicate writes its own draft; the original's is untouched, and the offer is not made again.
    saveDraft('u1', { ...offered!, values: { ...offered!.values, narrative: '新标签页的诉求' } });
    expect(loadDraft('u1', 'tab-original', null)?.values.narrative).toBe('原标签页的诉求');
    expect(loadDraft('u1', intakeTabId(), 'tab-original')?.values.narrative).toBe('新标签页的诉求');
    expect(intakeTabId()).toBe(id);
  });
});

describe('decideTabId', () => {
  const now = 1_800_000_000_000;
  it.each<[string, { page: string; at: number } | null, 'keep' | 'fork']>([
    ['an id nobody claims (a new tab, or a reload: the page before let it go)', null, 'keep'],
    ['an id this page claimed', { page: 'me', at: now - 1000 }, 'keep'],
    ['an id another page renewed just now (this tab is its duplicate)', { page: 'other', at: now - 1000 }, 'fork'],
    ['an id another page renewed as long ago as a live page may', { page: 'other', at: now - claimFreshMs }, 'fork'],
    ['an id whose page fell silent (closed by a crash)', { page: 'other', at: now - claimFreshMs - 1 }, 'keep'],
    ['an id claimed from a clock set back', { page: 'other', at: now + 60_000 }, 'fork'],
  ])('%s', (_what, claim, expected) => {
    expect(decideTabId({ claim, page: 'me', now })).toBe(expected);
  });
});

describe('createIntakeTab', () => {
  /** A browser: one localStorage, a clock, ids handed out in order; a tab is a sessionStorage, a page a load of it. */
  function browser() {
    const local = new MemoryStorage();
    let t = 1_800_000_000_000;
    let n = 0;
    const env = (session: MemoryStorage): TabEnv => ({ session, local, now: () => t, newId: () => `id-${++n}` });
    return { local, env, advance: (ms: number) => (t += ms), open: (session = new MemoryStorage()) => ({ session, page: createIntakeTab(env(session)) }) };
  }
  const tabOf = (session: MemoryStorage) => session.getItem('hotline.intake.tab');

  it('gives a duplicated tab a new id while its original lives, and tells it once which tab it copies', () => {
    const b = browser();
    const original = b.open();
    const id = original.page.id();
    const duplicate = b.open(new MemoryStorage(original.session));
    expect(tabOf(duplicate.session)).toBe(id);
    const own = duplicate.page.id();
    expect(own).not.toBe(id);
    expect(duplicate.page.takeCopiedFrom()).toBe(id);
    expect(duplicate.page.takeCopiedFrom()).toBeNull();
    expect(original.page.takeCopiedFrom()).toBeNull();
    // Both live on, renewing their claims, each with its own id.
    for (let i = 0; i < 30; i++) {
      b.advance(claimRenewMs);
      expect([original.page.id(), duplicate.page.id()]).toEqual([id, own]);
    }
  });

  it('keeps the id across a reload: the page going lets its claim go', () => {
    const b = browser();
    const first = b.open();
    const id = first.page.id();
    first.page.release();
    expect(b.local.getItem(claimKey(id))).toBeNull();
    const reloaded = createIntakeTab(b.env(first.session));
    expect(reloaded.id()).toBe(id);
    expect(reloaded.takeCopiedFrom()).toBeNull();
  });

  it('keeps the id of a page that fell silent (a crash), and copies it when it is reloaded at once', () => {
    const b = browser();
    const crashed = b.open();
    const id = crashed.page.id();
    // Reloaded at once: its old claim still looks alive, so it forks and is offered its own draft as a copy.
    const atOnce = createIntakeTab(b.env(new MemoryStorage(crashed.session)));
    expect(atOnce.id()).not.toBe(id);
    expect(atOnce.takeCopiedFrom()).toBe(id);
    // Restored later: the claim's page is gone, the id is the tab's again.
    b.advance(claimFreshMs + 1);
    const later = createIntakeTab(b.env(new MemoryStorage(crashed.session)));
    expect(later.id()).toBe(id);
    expect(later.takeCopiedFrom()).toBeNull();
  });

  it('moves an original that slept past its claim to a new id when it wakes, so the two never share one', () => {
    const b = browser();
    const original = b.open();
    const id = original.page.id();
    // Frozen in the background: no renewal for longer than a claim lives; the duplicate takes the id.
    b.advance(claimFreshMs + 1);
    const duplicate = b.open(new MemoryStorage(original.session));
    expect(duplicate.page.id()).toBe(id);
    b.advance(1000);
    const woken = original.page.id();
    expect(woken).not.toBe(id);
    expect(tabOf(original.session)).toBe(woken);
    expect(duplicate.page.id()).toBe(id);
    expect(original.page.id()).toBe(woken);
  });

  it('drops claims no page renews any more at a page’s first look', () => {
    const b = browser();
    b.local.setItem(claimKey('gone'), JSON.stringify({ page: 'p', at: 0 }));
    b.local.setItem(claimKey('broken'), '{');
    const alive = b.open();
    const id = alive.page.id();
    b.open().page.id();
    expect(b.local.getItem(claimKey('gone'))).toBeNull();
    expect(b.local.getItem(claimKey('broken'))).toBeNull();
    expect(b.local.getItem(claimKey(id))).not.toBeNull();
  });
});
