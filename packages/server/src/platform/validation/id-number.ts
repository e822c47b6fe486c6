import { invalid } from '../errors/app-error.js';

/** GB 11643-1999 resident identity number: 17 digits and a check character (0-9 or X) from the ISO 7064 MOD 11-2 scheme. */
const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkChars = '10X98765432';

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * weights[i]!;
  return checkChars[sum % 11]!;
}

export type IdNumberProblem = 'format' | 'birthdate' | 'future' | 'checksum';

/**
 * What is wrong with an ID number, or null. `today` (YYYY-MM-DD, the hotline's day by the injected clock): a birth
 * date after it is no one's yet. A request schema has no clock and checks without it; the services that take an ID
 * number check the day with `requireBornByToday`. The web repeats this rule (web/src/shared/validation.ts idNumberProblem).
 */
export function checkIdNumber(raw: string, today?: string): IdNumberProblem | null {
  const s = raw.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(s)) return 'format';
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  const born = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || born.getUTCFullYear() !== y || born.getUTCMonth() !== m - 1 || born.getUTCDate() !== d) return 'birthdate';
  // YYYYMMDD against YYYYMMDD: the digits compare as the dates do.
  if (today && s.slice(6, 14) > today.replaceAll('-', '')) return 'future';
  if (idNumberCheckChar(s.slice(0, 17)) !== s[17]) return 'checksum';
  return null;
}

export const idNumberMessages: Record<IdNumberProblem, string> = {
  format: '身份证号应为 18 位（末位可为 X）',
  birthdate: '身份证号中的出生日期无效',
  future: '身份证号中的出生日期不能晚于今天',
  checksum: '身份证号校验位不正确',
};

/**
 * Refuses (400, the request schema's code) the ID numbers, already valid by the request schema, whose birth date is
 * after `today`; `field` names where each sits in the request (body.callers.1.idNumber), for the form to mark it.
 */
export function requireBornByToday(numbers: readonly { field: string; idNumber: string | null | undefined }[], today: string): void {
  const fields = numbers.flatMap(({ field, idNumber }) =>
    idNumber && checkIdNumber(idNumber, today) === 'future' ? [{ field, message: idNumberMessages.future }] : [],
  );
  if (fields.length) throw invalid('VALIDATION_FAILED', '身份证号中的出生日期不能晚于今天', fields);
}
