import { afterEach, describe, expect, it, vi } from 'vitest';
import { reloadOnStaleBuild, staleReloadGraceMs } from './stale-build.js';

describe('a tab running the build before a deployment', () => {
  let stop = () => {};
  afterEach(() => {
    stop();
    sessionStorage.clear();
  });

  const setUp = (clock: { t: number }) => {
    const reload = vi.fn();
    const win = {
      addEventListener: window.addEventListener.bind(window),
      removeEventListener: window.removeEventListener.bind(window),
      sessionStorage,
      location: { reload } as unknown as Location,
    };
    stop = reloadOnStaleBuild(win, () => clock.t);
    const fail = () => {
      const e = new Event('vite:preloadError', { cancelable: true });
      window.dispatchEvent(e);
      return e.defaultPrevented;
    };
    return { reload, fail };
  };

  it('reloads once when a chunk fails to load, and not again within the grace after that reload', () => {
    const clock = { t: 1_000_000 };
    const { reload, fail } = setUp(clock);
    expect(fail()).toBe(true);
    expect(reload).toHaveBeenCalledTimes(1);
    // The new build lacks the chunk too: the error reaches the page instead of a reload loop.
    clock.t += staleReloadGraceMs - 1;
    expect(fail()).toBe(false);
    expect(reload).toHaveBeenCalledTimes(1);
    // A later deployment reloads again.
    clock.t += 2;
    expect(fail()).toBe(true);
    expect(reload).toHaveBeenCalledTimes(2);
  });

  it('stops listening when removed', () => {
    const { reload, fail } = setUp({ t: 5 });
    stop();
    expect(fail()).toBe(false);
    expect(reload).not.toHaveBeenCalled();
  });
});
