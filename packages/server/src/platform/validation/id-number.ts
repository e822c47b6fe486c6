/** GB 11643-1999 resident identity number: 17 digits and a check character (0-9 or X) from the ISO 7064 MOD 11-2 scheme. */
const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkChars = '10X98765432';

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * weights[i]!;
  return checkChars[sum % 11]!;
}

export type IdNumberProblem = 'format' | 'birthdate' | 'checksum';

export function checkIdNumber(raw: string): IdNumberProblem | null {
  const s = raw.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(s)) return 'format';
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  const born = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || born.getUTCFullYear() !== y || born.getUTCMonth() !== m - 1 || born.getUTCDate() !== d) return 'birthdate';
  if (idNumberCheckChar(s.slice(0, 17)) !== s[17]) return 'checksum';
  return null;
}

export const idNumberMessages: Record<IdNumberProblem, string> = {
  format: '身份证号应为 18 位（末位可为 X）',
  birthdate: '身份证号中的出生日期无效',
  checksum: '身份证号校验位不正确',
};
