import type { ChangeBus } from '../platform/bus/index.js';
import { createReferenceCache } from '../platform/cache/reference-cache.js';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/client.js';
import * as repo from './exchange.repo.js';

/**
 * How long a process trusts its copy of the partners without hearing of a change. Shorter than other reference data
 * (5 minutes): a partner's row holds its secret and whether it is switched on, and this bounds how long a lost
 * announcement could let another instance accept a partner an administrator has just stopped.
 */
export const partnerCacheMs = 60_000;

/**
 * The exchange partners as every signed request reads them (the partner named in the body, its secret, its mapping):
 * one copy per process, dropped at once in this process when partners.service writes one and in the others when the
 * bus tells them (`reference.changed` for `partners`, or the bus lost its connection). A receipt used to read its
 * partner with a statement of its own. An id this copy does not know is read from the database (a partner registered
 * on another instance a moment ago), so a miss costs what every request cost before.
 */
export function createPartnerDirectory(deps: { db: Db; clock: Clock; bus?: ChangeBus | undefined }) {
  const cache = createReferenceCache({
    kinds: ['partners'],
    db: deps.db,
    clock: deps.clock,
    bus: deps.bus,
    ttlMs: partnerCacheMs,
    load: async (via) => new Map((await repo.listPartners(via)).map((p) => [p.id, p])),
  });
  return {
    async find(id: string): Promise<repo.PartnerRow | undefined> {
      return (await cache.current()).get(id) ?? (await repo.findPartner(deps.db, id));
    },
  };
}

export type PartnerDirectory = ReturnType<typeof createPartnerDirectory>;
