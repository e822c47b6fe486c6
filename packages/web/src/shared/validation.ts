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

const idWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
export function idNumberProblem(raw: string): string | null {
  const s = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(s)) return '身份证号应为 18 位（末位可为 X）';
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  const born = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || born.getUTCFullYear() !== y || born.getUTCMonth() !== m - 1 || born.getUTCDate() !== d) return '身份证号中的出生日期无效';
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

export function passwordProblem(s: string): string | null {
  if (s.length < 8) return '密码至少 8 位';
  if (s.length > 128) return '密码不能超过 128 位';
  if (!/[A-Za-z]/.test(s)) return '密码须包含字母';
  if (!/\d/.test(s)) return '密码须包含数字';
  return null;
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
  password: (t: T): Rule => ({
    validator: (_r, v: string | undefined) => {
      const p = v ? passwordProblem(v) : null;
      return p ? Promise.reject(new Error(t(p))) : Promise.resolve();
    },
  }),
};
