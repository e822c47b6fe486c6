import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';

// @node-rs/argon2 defaults to argon2id with OWASP's memory and time costs.
export const hashPassword = (plain: string) => hash(plain);
export const verifyPassword = async (stored: string, plain: string) => {
  try {
    return await verify(stored, plain);
  } catch {
    return false;
  }
};

/** Spent on unknown user names so that timing does not tell which names exist. */
let dummyHash: Promise<string> | undefined;
export const burnPasswordCheck = async (plain: string) => {
  dummyHash ??= hashPassword('not-a-real-password-0');
  await verifyPassword(await dummyHash, plain);
};

export const newPasswordSchema = z
  .string()
  .min(8, { error: '密码至少 8 位' })
  .max(128, { error: '密码不能超过 128 位' })
  .regex(/[A-Za-z]/, { error: '密码须包含字母' })
  .regex(/\d/, { error: '密码须包含数字' });

/** A random password an administrator can read out: no look-alike characters. */
export function randomPassword(length = 14): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let s = '';
  for (const b of bytes) s += alphabet[b % alphabet.length];
  // Guarantee the policy (a letter and a digit) whatever the draw.
  return s.slice(0, length - 2) + 'a7';
}
