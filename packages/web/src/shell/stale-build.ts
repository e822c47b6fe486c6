/** Where the time of the last reload for a stale build is kept, for this tab only. */
const key = 'hotline:stale-build-reload';
/** A second failure within this long of the last reload is not reloaded again: the new build lacks the file too. */
export const staleReloadGraceMs = 60_000;

/**
 * A tab left open across a deployment still runs the old build: the next page it opens asks for a hashed chunk the
 * new build replaced, and the import fails ("Failed to fetch dynamically imported module"). Vite announces a failed
 * dynamic import as `vite:preloadError`; the tab reloads once, and index.html (never cached) brings the new build.
 * A failure again within a minute of that reload is left to the page's error state, so a file missing from the new
 * build too cannot put the tab in a reload loop. Returns the removal of the listener.
 */
export function reloadOnStaleBuild(
  win: Pick<Window, 'addEventListener' | 'removeEventListener' | 'sessionStorage' | 'location'> = window,
  now = () => Date.now(),
) {
  const onError = (event: Event) => {
    let last = 0;
    try {
      last = Number(win.sessionStorage.getItem(key) ?? 0);
      if (now() - last < staleReloadGraceMs) return;
      win.sessionStorage.setItem(key, String(now()));
    } catch {
      // Storage refused (a private window's quota): reload anyway, at worst once per failure the person causes.
    }
    event.preventDefault();
    win.location.reload();
  };
  win.addEventListener('vite:preloadError', onError);
  return () => win.removeEventListener('vite:preloadError', onError);
}
