import { describe, expect, it } from 'vitest';
import { newPasswordSchema } from '../password.js';
import { commonPasswords, minPasswordLength, passwordExpired, passwordProblems } from './password-policy.js';

const codes = (p: string, username?: string) => passwordProblems(p, { username }).map((x) => x.code);

describe('password policy (issue 10, item 10)', () => {
  it.each([
    ['password1', ['PASSWORD_TOO_SHORT', 'PASSWORD_TOO_SIMPLE', 'PASSWORD_COMMON']],
    ['Demo12351', ['PASSWORD_TOO_SHORT', 'PASSWORD_COMMON']],
    ['Password1!', ['PASSWORD_COMMON']],
    ['@@Admin2026', ['PASSWORD_COMMON']],
    ['qwertyuiop', ['PASSWORD_TOO_SIMPLE', 'PASSWORD_COMMON']],
    ['aaaaaaaaaaaa', ['PASSWORD_TOO_SIMPLE', 'PASSWORD_COMMON']],
    ['abcdefghijk', ['PASSWORD_TOO_SIMPLE']],
    ['abcdefghij1', ['PASSWORD_TOO_SIMPLE']],
    ['Abcdefghij1', []],
    ['Start2026x', []],
    ['长城-Great-2026', []],
  ])('%s → %j', (p, expected) => {
    expect(codes(p)).toEqual(expected);
  });

  it('refuses the user name, in any case and reversed, but not a short one', () => {
    expect(codes('Mediator-2026', 'mediator')).toEqual(['PASSWORD_CONTAINS_USERNAME']);
    expect(codes('mediator1!X9', 'MEDIATOR')).toEqual(['PASSWORD_CONTAINS_USERNAME']);
    expect(codes('Rotaidem-2026', 'mediator')).toEqual(['PASSWORD_CONTAINS_USERNAME']);
    expect(codes('Ab1-xyz-2026', 'ab')).toEqual([]);
  });

  it('expires passwords after the configured days, never with 0', () => {
    const changed = new Date('2026-01-01T00:00:00Z');
    expect(passwordExpired(changed, new Date('2026-03-31T00:00:00Z'), 90)).toBe(false);
    expect(passwordExpired(changed, new Date('2026-04-02T00:00:00Z'), 90)).toBe(true);
    expect(passwordExpired(changed, new Date('2036-01-01T00:00:00Z'), 0)).toBe(false);
  });
});

/**
 * What the server says of a new password for an account: the request schema's rule (length cap, the policy's
 * context-free problems) and then the user name (checkPasswordFor), each problem's message in order.
 */
function serverProblems(password: string, username?: string): string[] {
  const parsed = newPasswordSchema.safeParse(password);
  const schema = parsed.success ? [] : parsed.error.issues.map((i) => i.message);
  const named = passwordProblems(password, { username }).filter((p) => p.code === 'PASSWORD_CONTAINS_USERNAME');
  return [...schema, ...named.map((p) => p.message)];
}

/** New passwords, with the account they are for: what the first-login dialog and the new-person form are asked. */
const cases: [password: string, username: string | undefined, accepted: boolean][] = [
  // The walk-through's case: letters and digits, 10 characters, one class short.
  ['kite9river', 'agent', false],
  ['Kite9river', 'agent', true],
  ['kite-9river', 'agent', true],
  ['KITE-9RIVER', 'agent', true],
  // The old web rule's "at least 8 with letters and digits" passes none of these.
  ['abc12345', undefined, false],
  ['Abc12345', undefined, false],
  ['Abcd-1234', undefined, false],
  ['Abcd-12345', undefined, true],
  ['Kite9Riv', undefined, false],
  // Classes: two are not enough, any three are.
  ['abcdefghij', undefined, false],
  ['ABCDEFGHIJ', undefined, false],
  ['1234567890123', undefined, false],
  ['----------!!', undefined, false],
  ['abcdefghij1', undefined, false],
  ['abcdefghij-', undefined, false],
  ['Abcdefghij1', undefined, true],
  ['abcdefghi-1', undefined, true],
  ['ABCDEFGHI-1', undefined, true],
  ['Abcdefghi-', undefined, true],
  ['长城-Great-2026', undefined, true],
  ['长城长城长城长城长城长城', undefined, false],
  ['长城-2026-长城', undefined, false], // Chinese characters count as symbols: two classes
  // Common passwords, bare or decorated, in any case; one character repeated.
  ['Password1!', undefined, false],
  ['@@Admin2026', undefined, false],
  ['P@ssw0rd2026', undefined, false],
  ['2026-Hotline!', undefined, false],
  ['Demo12351', undefined, false],
  ['Demo12351-Xy', undefined, true],
  ['Qwertyuiop1', undefined, false],
  ['aaaaaaaaaaaa', undefined, false],
  // The user name, in any case and reversed; not a name shorter than three.
  ['Mediator-2026', 'mediator', false],
  ['mediator1!X9', 'MEDIATOR', false],
  ['Rotaidem-2026', 'mediator', false],
  ['Ab1-xyz-2026', 'ab', true],
  ['Start2026x', 'Zhao.Lei', true],
  ['Zhao.Lei-2026', 'zhao.lei', false],
  // Length: 10 to 128.
  ['Ab1-56789', undefined, false],
  ['Ab1-567890', undefined, true],
  [`Ab1-${'x'.repeat(124)}`, undefined, true],
  [`Ab1-${'x'.repeat(125)}`, undefined, false],
  ['', undefined, false],
];

describe("the web's copy of the rule (packages/web/src/shared/validation.ts)", () => {
  const load = async () =>
    (await import(new URL('../../../../web/src/shared/validation.ts', import.meta.url).href)) as {
      passwordProblems: (s: string, username?: string) => string[];
      passwordProblem: (s: string, username?: string) => string | null;
      minPasswordLength: number;
      passwordHint: string;
    };

  it.each(cases)('%s (for %s) → accepted %s, by the server', (password, username, accepted) => {
    expect(serverProblems(password, username).length === 0).toBe(accepted);
  });

  it('agrees with the server case by case, message by message', async () => {
    const web = await load();
    for (const [password, username] of cases) {
      expect([password, username, web.passwordProblems(password, username)]).toEqual([password, username, serverProblems(password, username)]);
      expect([password, web.passwordProblem(password, username)]).toEqual([password, serverProblems(password, username)[0] ?? null]);
    }
  });

  it('refuses every common password the server refuses, decorated too, and says the same length', async () => {
    const web = await load();
    for (const p of commonPasswords) {
      for (const tried of [p, `${p}`.toUpperCase(), `2026-${p}-!`]) {
        expect([tried, web.passwordProblems(tried)]).toEqual([tried, serverProblems(tried)]);
      }
    }
    expect(web.minPasswordLength).toBe(minPasswordLength);
    // The hint under the field names the server's numbers and classes, not the old "8 with letters and digits".
    expect(web.passwordHint).toContain(`至少 ${minPasswordLength} 位`);
    expect(web.passwordHint).toContain('大写字母、小写字母、数字、符号中的至少三类');
  });
});
