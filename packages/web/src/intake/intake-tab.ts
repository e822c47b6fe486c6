/**
 * Which browser tab an intake draft belongs to. A tab's id is kept in sessionStorage, the tab's own, which survives
 * its reloads and a restored session. But a duplicated tab starts with a copy of that sessionStorage: its id is the
 * original's, and the two tabs would read and overwrite one draft. So each page (one load of the document) claims its
 * tab id in localStorage, which every tab sees, and renews the claim while it lives; a page that finds its id claimed
 * by another live page is the copy, and takes an id of its own (offered the original's draft once, see loadDraft).
 */

/** A page's claim on a tab id: which page holds it and when it last said so (ms since the epoch). */
export type TabClaim = { page: string; at: number };

/** How often a live page renews its claim. */
export const claimRenewMs = 20_000;
/**
 * How old a claim is when its page is taken for gone (closed by a crash or a killed browser, which say nothing).
 * Chrome runs a hidden tab's timers as rarely as once a minute: a live page's claim is never this old.
 */
export const claimFreshMs = 3 * 60_000;

/**
 * Pure: may this page go on with the tab id sessionStorage gave it ('keep'), or is that id another live page's and
 * this page a duplicated tab's copy ('fork')?
 * - unclaimed (a new tab, or a reload: the page before let its claim go when it went), or claimed by this page: keep;
 * - claimed by another page that renewed it within claimFreshMs: fork;
 * - claimed by a page gone silent longer than that: keep (the id is free again, e.g. for this tab restored after a
 *   crash). A page that crashed and is reloaded at once finds its own old claim still fresh and forks: it is offered
 *   its draft as a copy, so nothing is lost.
 * How the page was loaded is not asked: a duplicated tab reports a history restore (back_forward), as does a tab
 * restored after a crash, and a reload says nothing about whether the tab was copied before it.
 */
export function decideTabId(d: { claim: TabClaim | null; page: string; now: number }): 'keep' | 'fork' {
  if (!d.claim || d.claim.page === d.page) return 'keep';
  return d.now - d.claim.at > claimFreshMs ? 'keep' : 'fork';
}

const tabIdKey = 'hotline.intake.tab';
const claimPrefix = 'hotline.intake.tab-claim:';
export const claimKey = (tabId: string) => `${claimPrefix}${tabId}`;

export type TabEnv = {
  session: Storage;
  local: Storage;
  now: () => number;
  newId: () => string;
};

export type IntakeTab = {
  /** This tab's id now (checked against the claims at each call: a later call may find it taken, and fork). */
  id(): string;
  /** The id this page found taken at its first look (a duplicated tab's original): given once, then null. */
  takeCopiedFrom(): string | null;
  /** The page is going (pagehide): its claim is let go, so the tab's next page keeps the id. */
  release(): void;
};

function readClaim(local: Storage, tabId: string): TabClaim | null {
  try {
    const c = JSON.parse(local.getItem(claimKey(tabId)) ?? 'null') as Partial<TabClaim> | null;
    return c && typeof c.page === 'string' && typeof c.at === 'number' ? { page: c.page, at: c.at } : null;
  } catch {
    return null;
  }
}

/** One page's view of its tab id, over the storages given (the browser's, or a test's). */
export function createIntakeTab(env: TabEnv): IntakeTab {
  const page = env.newId();
  let current: string | null = null;
  let copiedFrom: string | null = null;
  let renewedAt = Number.NEGATIVE_INFINITY;

  /** Claims that no page renews any more (tabs closed by a crash): dropped at a page's first look, so none piles up. */
  function sweep(now: number) {
    const stale: string[] = [];
    for (let i = 0; i < env.local.length; i++) {
      const key = env.local.key(i);
      if (!key?.startsWith(claimPrefix)) continue;
      const claim = readClaim(env.local, key.slice(claimPrefix.length));
      if (!claim || now - claim.at > claimFreshMs) stale.push(key);
    }
    for (const key of stale) env.local.removeItem(key);
  }

  return {
    id() {
      const now = env.now();
      const firstLook = current === null;
      let tab = env.session.getItem(tabIdKey);
      const claim = tab ? readClaim(env.local, tab) : null;
      if (tab && decideTabId({ claim, page, now }) === 'fork') {
        // At the first look this page is a duplicated tab: the original's draft is offered once. Later, another page
        // took the id while this one slept (a frozen tab's claim looked gone): what this page holds goes under its new
        // id at its next save, and the other page keeps the draft it loaded.
        if (firstLook) copiedFrom = tab;
        tab = null;
      }
      if (firstLook) sweep(now);
      if (!tab) {
        tab = env.newId();
        env.session.setItem(tabIdKey, tab);
      }
      const mine = tab === current && claim?.page === page;
      if (!mine || now - renewedAt >= claimRenewMs / 2) {
        env.local.setItem(claimKey(tab), JSON.stringify({ page, at: now } satisfies TabClaim));
        renewedAt = now;
      }
      current = tab;
      return tab;
    },
    takeCopiedFrom() {
      const from = copiedFrom;
      copiedFrom = null;
      return from;
    },
    release() {
      if (current && readClaim(env.local, current)?.page === page) env.local.removeItem(claimKey(current));
      renewedAt = Number.NEGATIVE_INFINITY;
    },
  };
}

const randomId = () => (typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`);

let shared: IntakeTab | null = null;

/**
 * This page's tab, on the browser's storages: the claim is renewed on a timer and when the tab is shown again, let go
 * when the page goes, and taken again when the back-forward cache brings the page back.
 */
export function intakeTab(): IntakeTab {
  if (shared) return shared;
  const tab = createIntakeTab({ session: sessionStorage, local: localStorage, now: Date.now, newId: randomId });
  shared = tab;
  const look = () => {
    try {
      tab.id();
    } catch {
      // Storage refused (a locked-down browser): the draft falls back to one per person (intake-form.ts).
    }
  };
  window.addEventListener('pagehide', () => tab.release());
  window.addEventListener('pageshow', (e) => {
    if (e.persisted) look();
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') look();
  });
  window.setInterval(look, claimRenewMs);
  return tab;
}
