import { localDateOf } from '../../calendar/domain/working-time.js';

/** 12351-150000-20261125-0001: platform, province, local date, daily sequence — short enough to read out on the phone. */
export function formatOrderNumber(province: string, at: Date, sequence: number): string {
  return `12351-${province}-${localDateOf(at).replaceAll('-', '')}-${String(sequence).padStart(4, '0')}`;
}

export const orderNumberPattern = /^12351-\d{6}-\d{8}-\d{4,}$/;
