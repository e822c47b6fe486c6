import type { FormRule as Rule } from 'antd';
import type { T } from '../i18n/i18n.js';

/**
 * The server's input rules, repeated here so that a person sees a problem before sending; the server stays the judge
 * and its per-field messages land on the same fields.
 */
// Phone numbers: the server's platform/validation/phone-number.ts, the one rule for callers, people, units and the
// worker's page. Separators (spaces, dashes, brackets round an area code) go; +86 / 0086 becomes what is dialled
// inside the country; a number starting with 0 carries a whole area code and local number ("010-1234" is none), as
// long as its area code says: 010 and 02X take 8 digits, the other codes (0471 …) 7 or 8 ("0471-123456" is none).
// The server's phone-number.test.ts checks this copy against its own rule, case by case.
export const phonePattern = /^(1[3-9]\d{9}|0(?:10|2\d)\d{8}|0[3-9]\d{2}\d{7,8}|12351|12345|[1-9]\d{6,7})$/;
export const mobilePattern = /^1[3-9]\d{9}$/;
export function normalisePhone(raw: string): string {
  const s = raw.replace(/[\s\-－()（）]/g, '');
  const international = /^(?:\+|00)86(\d+)$/.exec(s);
  if (!international) return s;
  const national = international[1]!;
  return mobilePattern.test(national) || national.startsWith('0') ? national : `0${national}`;
}
export const isPhone = (s: string) => phonePattern.test(normalisePhone(s));
export const isMobile = (s: string) => mobilePattern.test(normalisePhone(s));

// ID numbers: the server's platform/validation/id-number.ts, in its order (format, a date that exists, a date that has
// come, check digit). `today` is the browser's date, YYYY-MM-DD; the server judges by its own clock.
const idWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const localToday = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
export function idNumberProblem(raw: string, today: string = localToday()): string | null {
  const s = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(s)) return '身份证号应为 18 位（末位可为 X）';
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  const born = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || born.getUTCFullYear() !== y || born.getUTCMonth() !== m - 1 || born.getUTCDate() !== d) return '身份证号中的出生日期无效';
  // YYYYMMDD against YYYYMMDD: the digits compare as the dates do.
  if (s.slice(6, 14) > today.replaceAll('-', '')) return '身份证号中的出生日期不能晚于今天';
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(s[i]) * idWeights[i]!;
  if ('10X98765432'[sum % 11] !== s[17]) return '身份证号校验位不正确';
  return null;
}

const creditCharset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const creditWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
export function isCreditCode(raw: string): boolean {
  const s = raw.trim().toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(s)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += creditCharset.indexOf(s[i]!) * creditWeights[i]!;
  return creditCharset[(31 - (sum % 31)) % 31] === s[17];
}

// Passwords: the server's auth/domain/password-policy.ts (等保 level 3) and the 128-character cap of its request schema
// (auth/password.ts): at least 10 characters of three of the four classes (lower case, upper case, digits, other), not
// the user name (nor reversed), not a common password, also not one merely decorated with digits or symbols at either
// end. The server's password-policy.test.ts checks this copy against its own rule, case by case.
export const minPasswordLength = 10;
export const maxPasswordLength = 128;
/** What the password field says of the rule (its numbers are the constants above; the server's test reads both). */
export const passwordHint = '至少 10 位，须包含大写字母、小写字母、数字、符号中的至少三类；不能含用户名，不能是常见密码';

const commonPasswords = new Set([
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
]);
const passwordClasses = (p: string) => [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(p)).length;
/** The word under the decoration: "Password1!" → "password". */
const passwordCore = (p: string) =>
  p
    .toLowerCase()
    .replace(/^[^a-z]+/, '')
    .replace(/[^a-z]+$/, '');

/** Every problem of a new password, in the server's order (its messages, word for word); empty when it is accepted. */
export function passwordProblems(s: string, username?: string): string[] {
  const problems: string[] = [];
  if (s.length > maxPasswordLength) problems.push('密码不能超过 128 位');
  if (s.length < minPasswordLength) problems.push('密码至少 10 位');
  if (passwordClasses(s) < 3) problems.push('密码须包含大写字母、小写字母、数字、符号中的至少三类');
  const lower = s.toLowerCase();
  const name = username?.trim().toLowerCase();
  if (name && name.length >= 3 && (lower.includes(name) || lower.includes(name.split('').reverse().join('')))) problems.push('密码不能包含用户名');
  const core = passwordCore(s);
  if (commonPasswords.has(lower) || (core.length > 0 && commonPasswords.has(core)) || /^(.)\1+$/.test(s)) {
    problems.push('密码过于常见，容易被猜中，请换一个');
  }
  return problems;
}

/** The first problem of a new password, or null (the field shows one at a time). */
export function passwordProblem(s: string, username?: string): string | null {
  return passwordProblems(s, username)[0] ?? null;
}

/** Rules for antd Form.Item, messages through t() so English readers get English. */
export const rules = {
  required: (t: T, label: string): Rule => ({ required: true, whitespace: true, message: t('请填写{label}', { label: t(label) }) }),
  requiredChoice: (t: T, label: string): Rule => ({ required: true, message: t('请选择{label}', { label: t(label) }) }),
  max: (t: T, label: string, max: number): Rule => ({ max, message: t('{label}不能超过 {max} 字', { label: t(label), max }) }),
  phone: (t: T): Rule => ({
    validator: (_r, v: string | undefined) => (!v || isPhone(v) ? Promise.resolve() : Promise.reject(new Error(t('电话号码格式不正确')))),
  }),
  idNumber: (t: T): Rule => ({
    validator: (_r, v: string | undefined) => {
      const p = v ? idNumberProblem(v) : null;
      return p ? Promise.reject(new Error(t(p))) : Promise.resolve();
    },
  }),
  creditCode: (t: T): Rule => ({
    validator: (_r, v: string | undefined) => (!v || isCreditCode(v) ? Promise.resolve() : Promise.reject(new Error(t('统一社会信用代码格式或校验位不正确')))),
  }),
  /** `username`: the account's, when known (a new person's as typed, one's own when changing it). */
  password: (t: T, username?: string): Rule => ({
    validator: (_r, v: string | undefined) => {
      const p = v ? passwordProblem(v, username) : null;
      return p ? Promise.reject(new Error(t(p))) : Promise.resolve();
    },
  }),
};
