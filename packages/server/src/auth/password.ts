import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';
import { passwordProblems } from './domain/password-policy.js';

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

/** The policy's context-free rules (length, classes, common passwords); the user name and history are checked by the services. */
export const newPasswordSchema = z
  .string()
  .max(128, { error: '密码不能超过 128 位' })
  .superRefine((p, ctx) => {
    for (const problem of passwordProblems(p)) ctx.addIssue({ code: 'custom', message: problem.message });
  });

/** A random password an administrator can read out: no look-alike characters. */
export function randomPassword(length = 14): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let s = '';
  for (const b of bytes) s += alphabet[b % alphabet.length];
  // Guarantee three character classes whatever the draw.
  return s.slice(0, length - 3) + 'Ka7';
}
