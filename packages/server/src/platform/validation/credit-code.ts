/** GB 32100-2015 unified social credit code: 18 characters, the last a check character over the first 17. */
const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCodeCheckChar(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = charset.indexOf(first17[i]!);
    if (v < 0) return null;
    sum += v * weights[i]!;
  }
  return charset[(31 - (sum % 31)) % 31]!;
}

export function isValidCreditCode(raw: string): boolean {
  const s = raw.toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(s)) return false;
  return creditCodeCheckChar(s.slice(0, 17)) === s[17];
}
