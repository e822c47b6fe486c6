import { type ComponentType, lazy } from 'react';

type Module<T> = { default: T };
type Options = {
  /** Tries after the first; each waits a little longer. */
  retries?: number;
  wait?: (ms: number) => Promise<void>;
  /** Called once every try failed: by default the page reloads once, so a new deployment's chunk names are fetched. */
  giveUp?: (error: unknown) => void;
};

const reloadedKey = 'hotline.chunk-reload';

/**
 * Loads a page's chunk, trying again when the fetch fails. A dropped connection (a busy server, a flaky network at a
 * county union) made the lazy import fail once and left a blank page until the person pressed F5; and after an
 * upgrade the old chunk names are gone from the server, so only a reload of index.html finds the new ones. The reload
 * happens at most once per tab session, so a server that is really down shows the error instead of reloading forever.
 */
export async function loadWithRetry<T>(load: () => Promise<Module<T>>, options: Options = {}): Promise<Module<T>> {
  const { retries = 2, wait = (ms) => new Promise((r) => setTimeout(r, ms)), giveUp = reloadOnce } = options;
  for (let attempt = 0; ; attempt++) {
    try {
      const mod = await load();
      if (typeof sessionStorage !== 'undefined') sessionStorage.removeItem(reloadedKey);
      return mod;
    } catch (error) {
      if (attempt >= retries) {
        giveUp(error);
        throw error;
      }
      await wait(500 * (attempt + 1));
    }
  }
}

function reloadOnce(error: unknown): void {
  if (typeof window === 'undefined' || sessionStorage.getItem(reloadedKey)) return;
  console.warn('a page could not be loaded; reloading once', error);
  sessionStorage.setItem(reloadedKey, String(Date.now()));
  window.location.reload();
}

/** React.lazy with the retries above: every page in pages.ts is declared through it. */
// biome-ignore lint/suspicious/noExplicitAny: the component's props are whatever the page declares.
export function lazyPage<T extends ComponentType<any>>(load: () => Promise<Module<T>>) {
  return lazy(() => loadWithRetry(load));
}
