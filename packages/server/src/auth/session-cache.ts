import type { ChangeBus } from '../platform/bus/index.js';
import type { Clock } from '../platform/clock.js';

/**
 * How long a process trusts a session it read without hearing of a change: the bound on a revocation whose
 * announcement was lost (a NOTIFY dropped between instances without the LISTEN connection noticing). A lost LISTEN
 * connection itself drops everything (`bus.resynced`), and the instance that revoked is never stale.
 */
export const sessionCacheMs = 30_000;
/** At most this many sessions per process; the oldest loaded goes first. */
export const sessionCacheMax = 10_000;

/** What the session lookup returned, as the actor is built from it at each request. */
export type CachedSession<A> = {
  session: { id: string; userId: string; assignmentId: string | null; lastSeenAt: Date; expiresAt: Date };
  user: {
    id: string;
    username: string;
    displayName: string;
    kind: string;
    mustChangePassword: boolean;
    passwordChangedAt: Date | null;
    createdAt: Date;
  };
  /** The person's roles at active units, resolved (auth.service's `assignmentsFrom`). */
  assignments: A[];
  /** When it was read (the clock's time before the read). */
  loadedAt: number;
};
export type SessionCache<A> = ReturnType<typeof createSessionCache<A>>;

/**
 * The signed-in requests' session lookup, cached per process by token hash (the session, its person and the person's
 * roles), so that a request of a signed-in person costs no round trip for it.
 *
 * Dropped, in this process synchronously and in the others through the change bus: `sessions.changed` (logout,
 * expiry, password changed or reset, deactivation, role switch, roles or person edited), `reference.changed` for
 * units (a unit renamed, moved or closed changes what a role reaches), and `bus.resynced` (announcements may have been
 * lost). Worst case, an announcement lost without the LISTEN connection dropping: another instance keeps accepting
 * a revoked session for at most `sessionCacheMs` after it loaded it. A load that started before a drop is not cached
 * (its answer may predate the change).
 *
 * Entries are kept in load order and never reordered: a hit costs no write, the head is the oldest, and what is past
 * the TTL is taken off the head whenever one is added.
 */
export function createSessionCache<A>(opts: { clock: Clock; bus?: ChangeBus | undefined; ttlMs?: number; max?: number }) {
  const ttl = opts.ttlMs ?? sessionCacheMs;
  const max = opts.max ?? sessionCacheMax;
  const byToken = new Map<string, CachedSession<A>>();
  let generation = 0;

  function dropWhere(match: (e: CachedSession<A>) => boolean): void {
    generation++;
    for (const [key, e] of byToken) if (match(e)) byToken.delete(key);
  }
  function clear(): void {
    generation++;
    byToken.clear();
  }
  function drop(m: { sessionIds?: string[] | undefined; userIds?: string[] | undefined; all?: boolean | undefined }): void {
    if (m.all) {
      clear();
      return;
    }
    const sessions = new Set(m.sessionIds ?? []);
    const people = new Set(m.userIds ?? []);
    dropWhere((e) => sessions.has(e.session.id) || people.has(e.session.userId));
  }

  opts.bus?.subscribe('sessions.changed', drop);
  opts.bus?.subscribe('reference.changed', (m) => {
    if (m.kind === 'units') clear();
  });
  opts.bus?.subscribe('bus.resynced', clear);

  const fresh = (e: CachedSession<A>, now: number) => now >= e.loadedAt && now - e.loadedAt < ttl;

  return {
    /** The cached lookup when it is younger than the TTL. */
    get(tokenHash: string): CachedSession<A> | undefined {
      const e = byToken.get(tokenHash);
      if (!e) return undefined;
      if (fresh(e, opts.clock.now().getTime())) return e;
      byToken.delete(tokenHash);
      return undefined;
    },
    /** Read before a load: `set` refuses the load if anything was dropped since. */
    generation: () => generation,
    set(tokenHash: string, entry: CachedSession<A>, loadedIn: number): void {
      if (loadedIn !== generation) return;
      byToken.delete(tokenHash);
      const now = opts.clock.now().getTime();
      for (const [key, e] of byToken) {
        if (byToken.size < max && fresh(e, now)) break;
        byToken.delete(key);
      }
      byToken.set(tokenHash, entry);
    },
    /** This process only (the bus carries it to the others). */
    delete: (tokenHash: string) => void byToken.delete(tokenHash),
    drop,
    size: () => byToken.size,
  };
}
