/**
 * One number, one caller on an order. A number given again is the same person calling again (or a second name for
 * them): as a second caller it would count the order as a group (群体) of people who are one, and show the number
 * twice. Numbers arrive normalised by the request schema (platform/validation/phone-number.ts), so equal is the same.
 * Callers that a merge brought over (orders/orders.repo.ts moveCallers) may repeat a number: this is the rule of
 * intake and of attaching, not of merging two orders of one person.
 */

export const repeatedNumberMessage = '该号码已登记为本工单的来电人';

/**
 * The positions in `numbers` (the callers being added, in order) whose number is already among `onOrder` or given by
 * an earlier one of them. A caller without a number repeats nothing.
 */
export function repeatedCallerNumbers(numbers: readonly (string | null | undefined)[], onOrder: readonly (string | null)[] = []): number[] {
  const seen = new Set(onOrder.filter((n): n is string => !!n));
  const repeated: number[] = [];
  for (const [i, n] of numbers.entries()) {
    if (!n) continue;
    if (seen.has(n)) repeated.push(i);
    seen.add(n);
  }
  return repeated;
}
