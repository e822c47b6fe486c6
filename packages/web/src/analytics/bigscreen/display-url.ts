/**
 * The wall's address: `/big-screen?display=<token>` (a display token, analytics/display-tokens.ts on the server). The
 * page trades the token for a cookie and takes it out of the address bar, so it is not left on the screen, in the
 * history or in a photograph of the wall.
 */
export const displayParam = 'display';

/** The address an administrator gives the wall's computer. */
export function bigScreenUrl(origin: string, token: string): string {
  return `${origin.replace(/\/+$/, '')}/big-screen?${new URLSearchParams({ [displayParam]: token }).toString()}`;
}

/** The display token of an address's query, or null (absent or blank). */
export function displayTokenOf(search: string): string | null {
  const token = new URLSearchParams(search).get(displayParam)?.trim();
  return token ? token : null;
}

/** The same address without the token (other parameters and the fragment kept), for history.replaceState. */
export function withoutDisplayToken(href: string): string {
  const url = new URL(href);
  url.searchParams.delete(displayParam);
  return `${url.pathname}${url.search}${url.hash}`;
}
