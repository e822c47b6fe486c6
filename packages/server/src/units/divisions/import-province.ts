import { recordAudit } from '../../audit/audit.repo.js';
import type { Db } from '../../platform/db/client.js';
import { findPersonByUsername, grantIfAbsent } from '../../users/users.repo.js';
import { provinceOf } from './divisions.js';
import { buildProvinceTree, type TreeResult } from './province-tree.js';

export type ImportOptions = { province: string; towns?: string[]; admin?: string | undefined; now: Date };
export type ImportResult = TreeResult & { province: { code: string; name: string }; adminGranted: boolean };

/**
 * Adds a province's union tree to an existing installation, all or nothing. Roles reach only their own subtree, so
 * nobody could manage the new province: `admin` names a person who becomes its administrator.
 */
export async function importProvince(db: Db, opts: ImportOptions): Promise<ImportResult> {
  const province = provinceOf(opts.province);
  if (!province) throw new Error(`未知的省级行政区划代码：${opts.province}`);
  return db.transaction(async (tx) => {
    const tree = await buildProvinceTree(tx, province.code, { now: opts.now, townsUnder: opts.towns ?? [] });
    let adminGranted = false;
    if (opts.admin) {
      const person = await findPersonByUsername(tx, opts.admin.toLowerCase());
      if (!person) throw new Error(`没有名为 ${opts.admin} 的人员账号`);
      adminGranted = await grantIfAbsent(tx, person.id, 'administrator', tree.rootId, opts.now);
    }
    await recordAudit(tx, {
      at: opts.now,
      actor: null,
      action: 'import_units',
      targetType: 'unit',
      targetId: tree.rootId,
      scope: { unitId: tree.rootId, path: `/${tree.rootId}/` },
      after: {
        province: province.code,
        towns: opts.towns ?? [],
        created: tree.created,
        existing: tree.existing,
        ...(adminGranted ? { administrator: opts.admin } : {}),
      },
      detail: 'units:import command',
    });
    return { ...tree, province, adminGranted };
  });
}
