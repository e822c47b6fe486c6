/**
 * The login lockout (等保: limits on failed logins), one rule for the login and for the security administrator's list
 * of people. Failures are counted per account *and address* within the last `minutes`: `attempts` failures from one
 * address refuse that address; `accountAttempts` failures from all addresses together refuse every address the account
 * never signed in from too. A refusal lasts until the oldest of the failures that made it leaves the window.
 * Pure: the caller passes the failures (oldest first) and the time.
 */
export type LockoutRule = { attempts: number; accountAttempts: number; minutes: number };
/** The rule as the installation sets it (HOTLINE_LOCKOUT_ATTEMPTS, _ACCOUNT_ATTEMPTS, _MINUTES). */
export const lockoutRuleOf = (c: { lockoutAttempts: number; lockoutAccountAttempts: number; lockoutMinutes: number }): LockoutRule => ({
  attempts: c.lockoutAttempts,
  accountAttempts: c.lockoutAccountAttempts,
  minutes: c.lockoutMinutes,
});
export type LoginFailure = { at: Date; ip: string | null };

/** When the window of failures counted at `now` starts (failures at or after it count). */
export const lockoutWindowStart = (rule: LockoutRule, now: Date) => new Date(now.getTime() - rule.minutes * 60_000);

const until = (rule: LockoutRule, at: Date) => new Date(at.getTime() + rule.minutes * 60_000);
const inWindow = (failures: readonly LoginFailure[], rule: LockoutRule, now: Date) => {
  const start = lockoutWindowStart(rule, now).getTime();
  return failures.filter((f) => f.at.getTime() >= start);
};

/** Until when this address is refused for its own failures (null: it is not). `failures`: the account's, oldest first. */
export function addressLockedUntil(failures: readonly LoginFailure[], ip: string | null, rule: LockoutRule, now: Date): Date | null {
  const fromHere = inWindow(failures, rule, now).filter((f) => f.ip === ip);
  return fromHere.length >= rule.attempts ? until(rule, fromHere[fromHere.length - rule.attempts]!.at) : null;
}

/** Until when addresses the account never signed in from are refused, for the failures of all addresses (null: they are not). */
export function newAddressesLockedUntil(failures: readonly LoginFailure[], rule: LockoutRule, now: Date): Date | null {
  const counted = inWindow(failures, rule, now);
  return counted.length >= rule.accountAttempts ? until(rule, counted[counted.length - rule.accountAttempts]!.at) : null;
}

/**
 * The account's lockout now, as the security administrator sees it: `addresses` refused for their own failures, and
 * whether new addresses are refused too; `until` the last of these refusals ends. Null: nobody is refused.
 */
export type Lockout = { until: Date; addresses: number; newAddresses: boolean };

export function lockoutOf(failures: readonly LoginFailure[], rule: LockoutRule, now: Date): Lockout | null {
  const ends: Date[] = [];
  let addresses = 0;
  for (const ip of new Set(inWindow(failures, rule, now).map((f) => f.ip))) {
    const end = addressLockedUntil(failures, ip, rule, now);
    if (end) {
      addresses++;
      ends.push(end);
    }
  }
  const account = newAddressesLockedUntil(failures, rule, now);
  const newAddresses = account !== null;
  if (account) ends.push(account);
  if (!ends.length) return null;
  return { until: new Date(Math.max(...ends.map((d) => d.getTime()))), addresses, newAddresses };
}
