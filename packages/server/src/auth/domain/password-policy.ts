/**
 * The password policy (等保 level 3, identity authentication): at least 10 characters of at least three classes
 * (lower case, upper case, digits, other), not containing the user name, not a common password (also not one with
 * digits or symbols merely added at either end), and not one of the person's last five (checked by the service).
 * Pure: the API schema and the services ask it; every answer carries a stable code and a Chinese message.
 */
export const minPasswordLength = 10;
export const passwordHistorySize = 5;

export type PasswordProblem = { code: string; message: string };

/**
 * Passwords seen in every leaked list, and the ones a hotline's staff would try first. Compared case-insensitively.
 * The web's copy (packages/web/src/shared/validation.ts) is checked against this one by password-policy.test.ts.
 */
export const commonPasswords: ReadonlySet<string> = new Set(
  [
    '123456',
    '1234567',
    '12345678',
    '123456789',
    '1234567890',
    '0123456789',
    '111111',
    '000000',
    '888888',
    '666666',
    '88888888',
    '66666666',
    '11111111',
    '00000000',
    '123123',
    '123321',
    '654321',
    '147258',
    '147258369',
    '159357',
    '5201314',
    '1314520',
    'woaini',
    'woaini1314',
    'aini1314',
    'iloveyou',
    'password',
    'passw0rd',
    'p@ssw0rd',
    'p@ssword',
    'pass',
    'qwerty',
    'qwertyuiop',
    'qwe123',
    '123qwe',
    'qweasd',
    'qweasdzxc',
    'asdfgh',
    'asdfghjkl',
    'zxcvbn',
    'zxcvbnm',
    '1qaz2wsx',
    '1q2w3e4r',
    '1q2w3e4r5t',
    'qazwsx',
    'qazwsxedc',
    'abc123',
    'abcd1234',
    'abc',
    'abcdef',
    'abcdefg',
    'a123456',
    'aa123456',
    'admin',
    'administrator',
    'root',
    'system',
    'sysadmin',
    'test',
    'guest',
    'user',
    'welcome',
    'letmein',
    'monkey',
    'dragon',
    'master',
    'shadow',
    'sunshine',
    'princess',
    'football',
    'baseball',
    'superman',
    'changeme',
    'default',
    'secret',
    'huawei',
    'china',
    'beijing',
    'hotline',
    'gonghui',
    'zhigong',
    'demo',
    'demo12351',
    '12351',
    '12345',
    '12315',
    '12333',
    'hotline12351',
    'gonghui12351',
  ].map((p) => p.toLowerCase()),
);

const classes = (p: string) => [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(p)).length;

/** The word under the decoration: "Password1!" → "password", "@@admin2026" → "admin". */
const core = (p: string) =>
  p
    .toLowerCase()
    .replace(/^[^a-z]+/, '')
    .replace(/[^a-z]+$/, '');

export function passwordProblems(password: string, context: { username?: string | undefined } = {}): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if (password.length < minPasswordLength) problems.push({ code: 'PASSWORD_TOO_SHORT', message: `密码至少 ${minPasswordLength} 位` });
  if (classes(password) < 3) problems.push({ code: 'PASSWORD_TOO_SIMPLE', message: '密码须包含大写字母、小写字母、数字、符号中的至少三类' });
  const lower = password.toLowerCase();
  const name = context.username?.trim().toLowerCase();
  if (name && name.length >= 3 && (lower.includes(name) || lower.includes(name.split('').reverse().join('')))) {
    problems.push({ code: 'PASSWORD_CONTAINS_USERNAME', message: '密码不能包含用户名' });
  }
  if (commonPasswords.has(lower) || (core(password).length > 0 && commonPasswords.has(core(password))) || /^(.)\1+$/.test(password)) {
    problems.push({ code: 'PASSWORD_COMMON', message: '密码过于常见，容易被猜中，请换一个' });
  }
  return problems;
}

/** Whether a password is older than the configured maximum age (0: passwords do not expire). */
export function passwordExpired(changedAt: Date, now: Date, maxAgeDays: number): boolean {
  return maxAgeDays > 0 && now.getTime() - changedAt.getTime() > maxAgeDays * 86_400_000;
}
