import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { AppError } from '../errors/app-error.js';

/**
 * Secrets the server must be able to use again (the HMAC keys it shares with exchange partners) are kept encrypted
 * at rest: AES-256-GCM under a key from the environment (`HOTLINE_SECRET_KEYS`), never in the database. The stored
 * form names its key (`v1:<key id>:<iv>:<ciphertext>:<tag>`, base64url), so keys rotate: the first key of the list
 * encrypts, every listed key decrypts, and at start-up each value not under the first key is encrypted again
 * (exchange/secrets.ts). A value without the prefix is a plaintext from before encryption and is taken as it is,
 * once, to be encrypted at the next start.
 */
export type KeyRing = { current: { id: string; key: Buffer }; all: Map<string, Buffer> } | null;

const prefix = 'v1';
/** Binds a ciphertext to what it is: a value copied into another kind of column does not decrypt. */
const aad = Buffer.from('hotline:exchange_partners.signing_secret');

/** `id:base64key,id:base64key` (32-byte keys; base64 or hex) → the ring; the first encrypts. Throws on a malformed list. */
export function parseKeyRing(spec: string): KeyRing {
  const entries = spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!entries.length) return null;
  const all = new Map<string, Buffer>();
  for (const e of entries) {
    const m = /^([A-Za-z0-9_-]{1,32}):(.+)$/.exec(e);
    if (!m) throw new Error('HOTLINE_SECRET_KEYS: 每项应为 “编号:密钥”（密钥为 32 字节的 base64 或十六进制）');
    const raw = m[2]!;
    const key = /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
    if (key.length !== 32) throw new Error(`HOTLINE_SECRET_KEYS: 密钥 ${m[1]} 不是 32 字节`);
    if (all.has(m[1]!)) throw new Error(`HOTLINE_SECRET_KEYS: 密钥编号 ${m[1]} 重复`);
    all.set(m[1]!, key);
  }
  const [id, key] = [...all.entries()][0]!;
  return { current: { id, key }, all };
}

/** The demo installation's key (never used unless the demo is on): a demo's secrets are demo secrets anyway. */
export const demoKeyRing = (): KeyRing => {
  const key = createHash('sha256').update('hotline-demo-secret-key').digest();
  return { current: { id: 'demo', key }, all: new Map([['demo', key]]) };
};

const missing = () => new AppError('conflict', 'SECRET_KEY_MISSING', '未配置加密密钥（HOTLINE_SECRET_KEYS），不能保存或使用对接平台密钥');

export function createSecretBox(ring: KeyRing) {
  function seal(plain: string): string {
    if (!ring) throw missing();
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', ring.current.key, iv);
    c.setAAD(aad);
    const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return [prefix, ring.current.id, iv.toString('base64url'), ct.toString('base64url'), c.getAuthTag().toString('base64url')].join(':');
  }

  const isSealed = (stored: string) => stored.startsWith(`${prefix}:`);

  function open(stored: string): string {
    if (!isSealed(stored)) return stored;
    const [, id, iv, ct, tag] = stored.split(':');
    const key = ring?.all.get(id ?? '');
    if (!key) throw new AppError('conflict', 'SECRET_KEY_UNKNOWN', `密钥 ${id ?? ''} 不在 HOTLINE_SECRET_KEYS 中，无法解密对接平台密钥`);
    const d = createDecipheriv('aes-256-gcm', key, Buffer.from(iv!, 'base64url'));
    d.setAAD(aad);
    d.setAuthTag(Buffer.from(tag!, 'base64url'));
    return Buffer.concat([d.update(Buffer.from(ct!, 'base64url')), d.final()]).toString('utf8');
  }

  /** Whether a stored value should be encrypted again: plaintext, or under a key that is no longer the first. */
  const stale = (stored: string) => !!ring && (!isSealed(stored) || stored.split(':')[1] !== ring.current.id);

  return { seal, open, stale, configured: !!ring };
}

export type SecretBox = ReturnType<typeof createSecretBox>;
