import { recordAudit } from '../audit/audit.repo.js';
import { requireRole, type Actor } from '../auth/actor.js';
import type { Clock } from '../platform/clock.js';
import type { Db, Executor } from '../platform/db/client.js';
import { forbidden, invalid, staleVersion } from '../platform/errors/app-error.js';
import type { UnitDirectoryCache } from '../units/unit-directory.js';
import { insertIvrVersion, ivrHistory, latestIvr } from './ivr.repo.js';
import { ivrExport, ivrProblems, queueDirectory, starterIvr, type IvrConfig } from './domain/ivr.js';

/** Who edits the voice menu: the hotline's supervisors and the system administrator. The telephony reads the export. */
const editors = ['supervisor', 'administrator'] as const;
const exportReaders = ['supervisor', 'administrator', 'integration'] as const;
/** Who reads the queues' names: whoever reads calls (calls.service.ts) and the menu's editors. */
const queueReaders = ['agent', 'dispatcher', 'supervisor', 'inspector', 'leader', 'administrator'] as const;

export function createIvrService(deps: {
  db: Db;
  clock: Clock;
  /** The cached unit directory: who may read and change the menu, and a queue's hotline centre must be one. */
  units: Pick<UnitDirectoryCache, 'current'>;
}) {
  const { db, clock } = deps;

  /** The units the queues name as their centres, from the cached directory (no statement when it is warm). */
  async function centreLookup(config: IvrConfig) {
    if (!config.queues?.some((q) => q.centreId !== undefined)) return () => undefined;
    const directory = await deps.units.current();
    return (id: string) => directory.get(id);
  }

  /**
   * The voice menu is the province hotline's (one menu, one telephony): read and changed only by an editor whose reach
   * holds the province's hotline centre (or the whole province, before a centre exists). A county's supervisor, or a
   * city centre's, is refused: the menu routes every caller of the province. From the cached directory, no statement.
   */
  async function requireMenuEditor(actor: Actor) {
    requireRole(actor, ...editors);
    // The rule is the directory's (`holdsProvinceHotline`): the session tells the screens the same answer.
    if (!(await deps.units.current()).holdsProvinceHotline(actor.scopePath))
      throw forbidden('IVR_OUT_OF_SCOPE', '语音导航属于省热线中心，本单位范围内没有省热线中心');
  }

  async function current(ex: Executor) {
    const row = await latestIvr(ex);
    return row
      ? { version: row.version, config: row.config, savedAt: row.savedAt.toISOString(), savedByName: row.savedByName, note: row.note }
      : // A fresh installation plays the starter menu until the hotline saves its own (version 0: nothing saved).
        { version: 0, config: starterIvr, savedAt: null, savedByName: null, note: null };
  }

  async function get(actor: Actor) {
    await requireMenuEditor(actor);
    const c = await current(db);
    const history = await ivrHistory(db, 20);
    return { ...c, history: history.map((h) => ({ ...h, savedAt: h.savedAt.toISOString() })) };
  }

  /**
   * Saves the next version: every problem of the tree is a 400 naming its field; a version other than the current
   * one is a 409 (the insert of the next version collides on its key when two editors save the same one). Audited.
   */
  async function update(actor: Actor, input: { version: number; config: IvrConfig; note?: string | undefined }) {
    await requireMenuEditor(actor);
    const problems = ivrProblems(input.config, await centreLookup(input.config));
    if (problems.length)
      throw invalid(
        'IVR_INVALID',
        `语音导航配置有 ${problems.length} 处问题：${problems[0]!.message}`,
        problems.map((p) => ({ field: `config.${p.field}`, message: p.message })),
      );
    const now = clock.now();
    await db.transaction(async (tx) => {
      const c = await current(tx);
      if (c.version !== input.version) throw staleVersion('语音导航配置');
      const inserted = await insertIvrVersion(tx, {
        version: input.version + 1,
        config: input.config,
        savedBy: actor.userId,
        savedByName: actor.displayName,
        savedAt: now,
        note: input.note ?? null,
      });
      if (!inserted) throw staleVersion('语音导航配置');
      await recordAudit(tx, {
        at: now,
        actor,
        action: 'ivr.update',
        targetType: 'ivr_config',
        targetId: String(input.version + 1),
        after: { note: input.note ?? null, nodes: input.config.nodes.length },
      });
    });
    return get(actor);
  }

  /** The documented form the telephony system reads (docs/ivr.md). */
  async function exportConfig(actor: Actor) {
    requireRole(actor, ...exportReaders);
    const c = await current(db);
    return ivrExport(c.config, { version: c.version, savedAt: c.savedAt });
  }

  /** The queues by name (the current menu's, else the starter's): the desk shows a queue by its name, not its id. */
  async function queues(actor: Actor) {
    requireRole(actor, ...queueReaders);
    const c = await current(db);
    return { items: queueDirectory(c.config) };
  }

  return { get, update, exportConfig, queues };
}

export type IvrService = ReturnType<typeof createIvrService>;
