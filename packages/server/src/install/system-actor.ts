import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/client.js';
import type { SystemActor } from '../platform/jobs/system-actor.js';
import { findProvinceRoot } from '../units/province-root.js';
import { ensureSystemUser } from '../users/users.repo.js';

/**
 * The system actor of this installation, created on first need and kept: the province root is where it stands (an
 * installation with several imported provinces still has one system).
 */
export function systemActorSource(db: Db, clock: Clock, province: string): () => Promise<SystemActor> {
  let known: Promise<SystemActor> | null = null;
  return () => {
    known ??= (async () => {
      const root = await findProvinceRoot(db, province);
      if (!root) throw new Error('no province root: the installation is empty');
      const userId = await ensureSystemUser(db, root.id, clock.now());
      return {
        kind: 'system',
        userId,
        username: 'system',
        displayName: '系统',
        role: 'system',
        unitId: root.id,
        unitName: root.name,
        scopePath: root.path,
      } as const;
    })().catch((err) => {
      known = null;
      throw err;
    });
    return known;
  };
}
