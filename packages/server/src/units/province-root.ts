import type { Executor } from '../platform/db/client.js';
import { provinceRoots } from './divisions/province-tree.js';
import { provinceRootOf } from './domain/province-root.js';

/** The installation's province root unit (the rule: units/domain/province-root.ts), read from the database. */
export async function findProvinceRoot(db: Executor, province: string) {
  return provinceRootOf(await provinceRoots(db), province, (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.path.localeCompare(b.path));
}
