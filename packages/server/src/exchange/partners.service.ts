import { randomBytes } from 'node:crypto';
import type { Actor } from '../auth/actor.js';
import { recordAudit } from '../audit/audit.repo.js';
import { unitsById } from '../units/units.repo.js';
import type { Clock } from '../platform/clock.js';
import type { Db, Executor } from '../platform/db/client.js';
import { conflict, invalid, notFound, staleVersion } from '../platform/errors/app-error.js';
import type { SecretBox } from '../platform/secrets/secret-box.js';
import { isSm2PublicKey, sm2KeyPair, type SigningMethod } from '../platform/signing/hmac.js';
import { emptyMapping, type FieldMapping, type PartnerKind } from './domain/mapping.js';
import * as repo from './exchange.repo.js';
import { announcing, type ChangeBus } from '../platform/bus/index.js';
import { isUniqueViolation } from '../platform/db/unique-violation.js';
import type { UnitDirectoryCache } from '../units/unit-directory.js';
import { requireExchangeDesk } from './exchange-desk.js';

export type PartnerInput = {
  name: string;
  kind: PartnerKind;
  direction: 'in' | 'out' | 'both';
  endpoint?: string | null | undefined;
  credentials?: Record<string, string> | undefined;
  signingMethod: SigningMethod;
  /** SM2: the partner's public key (hex, 04…); required with that method. */
  partnerPublicKey?: string | null | undefined;
  mapping?: Partial<FieldMapping> | undefined;
  receivingUnitId: string;
  active?: boolean | undefined;
};

/** The secret is 32 random bytes: shown once at creation, kept to sign and verify (it is a shared HMAC key). */
const newSecret = () => randomBytes(32).toString('base64url');

export function partnerView(p: repo.PartnerRow, unitName: string | null) {
  return {
    id: p.id,
    name: p.name,
    kind: p.kind as PartnerKind,
    direction: p.direction as PartnerInput['direction'],
    endpoint: p.endpoint,
    credentials: p.credentials,
    signingMethod: p.signingMethod as SigningMethod,
    publicKey: p.publicKey,
    partnerPublicKey: p.partnerPublicKey,
    mapping: p.mapping,
    receivingUnit: { id: p.receivingUnitId, name: unitName ?? '' },
    active: p.active,
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

const fullMapping = (m: Partial<FieldMapping> | undefined): FieldMapping => ({ ...emptyMapping, ...m });

/** Exchange partners: registered and changed by administrators; what the signed routes and the delivery job read. */
export function createPartnersService(deps: {
  db: Db;
  clock: Clock;
  secrets: SecretBox;
  /** The cached unit directory: whose reach holds the province's hotline centre (exchange-desk.ts). */
  units: Pick<UnitDirectoryCache, 'current'>;
  bus?: ChangeBus | undefined;
}) {
  const { db, clock, secrets } = deps;

  async function receivingUnit(tx: Executor, id: string) {
    const u = (await unitsById(tx, [id])).get(id);
    if (!u || !u.active)
      throw invalid('EXCHANGE_UNIT_UNKNOWN', '接收单位不存在或已停用', [{ field: 'body.receivingUnitId', message: '接收单位不存在或已停用' }]);
    return u;
  }

  function checkPublicKey(method: string, key: string | null | undefined) {
    if (method === 'sm2' && !(key && isSm2PublicKey(key)))
      throw invalid('EXCHANGE_PUBLIC_KEY_REQUIRED', 'SM2 签名须填写对方公钥', [
        { field: 'body.partnerPublicKey', message: '应为 04 开头的 130 位十六进制 SM2 公钥' },
      ]);
  }

  /** A new signing key: a shared HMAC secret (shown once), or for SM2 our key pair (the public half is listed). */
  function newKey(method: string): { stored: string; publicKey: string | null; shown: string | null } {
    if (method === 'sm2') {
      const kp = sm2KeyPair();
      return { stored: secrets.seal(kp.privateKey), publicKey: kp.publicKey, shown: null };
    }
    const secret = newSecret();
    return { stored: secrets.seal(secret), publicKey: null, shown: secret };
  }

  function checkEndpoint(direction: string, endpoint: string | null | undefined) {
    if (direction !== 'in' && !endpoint)
      throw invalid('EXCHANGE_ENDPOINT_REQUIRED', '向对方发送消息须填写对方接收地址', [{ field: 'body.endpoint', message: '方向为“发送”或“双向”时必填' }]);
  }

  /**
   * Read by administrators, and by dispatchers choosing where to transfer an order (no secret is ever listed), at the
   * province's hotline centre (exchange-desk.ts): the partners' addresses, credentials and mappings are the centre's.
   * A dispatcher elsewhere transfers to the partner its order came from (web orders/ExchangeCard.tsx).
   */
  async function list(actor: Actor) {
    await requireExchangeDesk(deps.units, actor, 'administrator', 'dispatcher');
    const rows = await repo.listPartners(db);
    const names = await unitsById(
      db,
      rows.map((r) => r.receivingUnitId),
    );
    return { items: rows.map((p) => partnerView(p, names.get(p.receivingUnitId)?.name ?? null)) };
  }

  async function create(actor: Actor, input: PartnerInput) {
    await requireExchangeDesk(deps.units, actor, 'administrator');
    checkEndpoint(input.direction, input.endpoint);
    checkPublicKey(input.signingMethod, input.partnerPublicKey);
    const now = clock.now();
    const key = newKey(input.signingMethod);
    try {
      return await db.transaction(async (tx) => {
        const unit = await receivingUnit(tx, input.receivingUnitId);
        const row = await repo.insertPartner(tx, {
          name: input.name,
          kind: input.kind,
          direction: input.direction,
          endpoint: input.endpoint ?? null,
          credentials: input.credentials ?? {},
          signingMethod: input.signingMethod,
          // Stored encrypted (platform/secrets): the column never holds the secret itself.
          signingSecret: key.stored,
          publicKey: key.publicKey,
          partnerPublicKey: input.signingMethod === 'sm2' ? input.partnerPublicKey! : null,
          mapping: fullMapping(input.mapping),
          receivingUnitId: unit.id,
          active: input.active ?? true,
          createdAt: now,
          updatedAt: now,
        });
        await recordAudit(tx, {
          at: now,
          actor,
          action: 'create_exchange_partner',
          targetType: 'exchange_partner',
          targetId: row.id,
          after: { name: row.name, kind: row.kind, direction: row.direction, endpoint: row.endpoint, signingMethod: row.signingMethod },
        });
        // The only time the secret leaves the server: the administrator hands it to the partner.
        return { ...partnerView(row, unit.name), ...(key.shown ? { signingSecret: key.shown } : {}) };
      });
    } catch (err) {
      if (isUnique(err)) throw nameTaken(input.name);
      throw err;
    }
  }

  async function update(actor: Actor, id: string, input: Partial<PartnerInput> & { version: number; rotateSecret?: boolean | undefined }) {
    await requireExchangeDesk(deps.units, actor, 'administrator');
    const now = clock.now();
    try {
      return await db.transaction(async (tx) => {
        const before = await repo.findPartner(tx, id);
        if (!before) throw notFound('EXCHANGE_PARTNER_NOT_FOUND', '对接平台不存在');
        const direction = input.direction ?? before.direction;
        checkEndpoint(direction, input.endpoint === undefined ? before.endpoint : input.endpoint);
        const unit = await receivingUnit(tx, input.receivingUnitId ?? before.receivingUnitId);
        const method = input.signingMethod ?? before.signingMethod;
        checkPublicKey(method, input.partnerPublicKey === undefined ? before.partnerPublicKey : input.partnerPublicKey);
        // A new method needs a key of its kind: changing between HMAC and SM2 issues one, as a rotation does.
        const kindChanged = (method === 'sm2') !== (before.signingMethod === 'sm2');
        const key = input.rotateSecret || kindChanged ? newKey(method) : null;
        const row = await repo.updatePartner(tx, id, input.version, {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.kind !== undefined ? { kind: input.kind } : {}),
          direction,
          ...(input.endpoint !== undefined ? { endpoint: input.endpoint } : {}),
          ...(input.credentials !== undefined ? { credentials: input.credentials } : {}),
          ...(input.signingMethod !== undefined ? { signingMethod: input.signingMethod } : {}),
          ...(input.mapping !== undefined ? { mapping: fullMapping(input.mapping) } : {}),
          ...(input.active !== undefined ? { active: input.active } : {}),
          ...(key ? { signingSecret: key.stored, publicKey: key.publicKey } : {}),
          ...(input.partnerPublicKey !== undefined ? { partnerPublicKey: method === 'sm2' ? input.partnerPublicKey : null } : {}),
          receivingUnitId: unit.id,
          updatedAt: now,
        });
        if (!row) throw staleVersion('对接平台');
        await recordAudit(tx, {
          at: now,
          actor,
          action: 'update_exchange_partner',
          targetType: 'exchange_partner',
          targetId: id,
          before: { name: before.name, direction: before.direction, endpoint: before.endpoint, signingMethod: before.signingMethod, active: before.active },
          after: {
            name: row.name,
            direction: row.direction,
            endpoint: row.endpoint,
            signingMethod: row.signingMethod,
            active: row.active,
            secretRotated: !!key,
          },
        });
        return { ...partnerView(row, unit.name), ...(key?.shown ? { signingSecret: key.shown } : {}) };
      });
    } catch (err) {
      if (isUnique(err)) throw nameTaken(input.name);
      throw err;
    }
  }

  // Committed: every instance's copy of the partners (partner-directory.ts) is dropped, this one's before the answer.
  return {
    list,
    create: announcing(deps.bus, 'partners', create),
    update: announcing(deps.bus, 'partners', update),
  };
}

const isUnique = (err: unknown) => isUniqueViolation(err, 'exchange_partners_name_uq');
const nameTaken = (name: string | undefined) =>
  conflict('EXCHANGE_PARTNER_NAME_TAKEN', `已有同名的对接平台：${name}`, { fields: [{ field: 'body.name', message: '已有同名的对接平台' }] });

export type PartnersService = ReturnType<typeof createPartnersService>;
