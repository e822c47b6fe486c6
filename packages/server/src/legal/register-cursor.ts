import { invalid } from '../platform/errors/app-error.js';
import { decodeKeyset, encodeKeyset, isInt4, isSqlText } from '../platform/http/keyset-cursor.js';
import type { RegisterPosition } from './legal.repo.js';

/**
 * The register's page cursor: the last row's position in the list's order (rank, orders in the window, key). It
 * comes back from outside: each part is checked before it reaches SQL (platform/http/keyset-cursor.ts); anything
 * else is RISK_CURSOR_INVALID, a 400.
 */
export const encodeRegisterCursor = (p: RegisterPosition): string => encodeKeyset([p.rank, p.orders, p.key]);

export function decodeRegisterCursor(s: string): RegisterPosition {
  const v = decodeKeyset(s, [(x) => x === 0 || x === 1 || x === 2, (x) => isInt4(x) && x >= 0, isSqlText(500)]);
  if (v) return { rank: v[0] as 0 | 1 | 2, orders: v[1] as number, key: v[2] as string };
  throw invalid('RISK_CURSOR_INVALID', '翻页游标无效，请从第一页重新查询', [{ field: 'querystring.cursor', message: '游标无效' }]);
}
