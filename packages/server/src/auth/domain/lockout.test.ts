import { describe, expect, it } from 'vitest';
import { addressLockedUntil, lockoutOf, newAddressesLockedUntil, type LoginFailure } from './lockout.js';

const rule = { attempts: 5, accountAttempts: 20, minutes: 15 };
const t0 = new Date('2026-03-02T08:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
/** `n` failures from one address, one a minute from `start`. */
const failures = (ip: string | null, n: number, start = 0): LoginFailure[] => Array.from({ length: n }, (_, i) => ({ at: at(start + i), ip }));
const sorted = (xs: LoginFailure[]) => [...xs].sort((a, b) => a.at.getTime() - b.at.getTime());

describe('the login lockout', () => {
  it('refuses an address at its fifth failure until the oldest of the five is 15 minutes old', () => {
    const five = failures('10.0.0.1', 5);
    expect(addressLockedUntil(failures('10.0.0.1', 4), '10.0.0.1', rule, at(4))).toBeNull();
    expect(addressLockedUntil(five, '10.0.0.1', rule, at(4))).toEqual(at(15));
    expect(addressLockedUntil(five, '10.0.0.2', rule, at(4))).toBeNull();
    // The oldest leaves the window: four remain, the address is free.
    expect(addressLockedUntil(five, '10.0.0.1', rule, at(15))).toEqual(at(15));
    expect(addressLockedUntil(five, '10.0.0.1', rule, at(15.01))).toBeNull();
    // Seven failures: the lockout lasts until the third-oldest leaves.
    expect(addressLockedUntil(failures('10.0.0.1', 7), '10.0.0.1', rule, at(6))).toEqual(at(17));
    expect(addressLockedUntil(failures(null, 5), null, rule, at(5))).toEqual(at(15));
  });

  it('refuses new addresses once all addresses together reach the account limit', () => {
    const many = sorted([0, 1, 2, 3].flatMap((a) => failures(`10.0.1.${a}`, 5)));
    expect(newAddressesLockedUntil(many.slice(0, 19), rule, at(5))).toBeNull();
    expect(newAddressesLockedUntil(many, rule, at(5))).toEqual(at(15));
    expect(newAddressesLockedUntil(many, rule, at(15.01))).toBeNull();
  });

  it('tells the security administrator how the account is locked and until when', () => {
    expect(lockoutOf([], rule, t0)).toBeNull();
    expect(lockoutOf(failures('a', 4), rule, at(4))).toBeNull();
    expect(lockoutOf(failures('a', 5), rule, at(4))).toEqual({ until: at(15), addresses: 1, newAddresses: false });
    // Two addresses locked at different times: the later end.
    expect(lockoutOf(sorted([...failures('a', 5), ...failures('b', 5, 3)]), rule, at(8))).toEqual({ until: at(18), addresses: 2, newAddresses: false });
    // One of them free again.
    expect(lockoutOf(sorted([...failures('a', 5), ...failures('b', 5, 3)]), rule, at(15.5))).toEqual({ until: at(18), addresses: 1, newAddresses: false });
    // Four addresses of five: each locked, and new addresses too.
    const many = sorted([0, 1, 2, 3].flatMap((a) => failures(`10.0.1.${a}`, 5)));
    expect(lockoutOf(many, rule, at(5))).toEqual({ until: at(15), addresses: 4, newAddresses: true });
    // Twenty failures from twenty addresses: no address locked of its own, new ones refused.
    const spread = Array.from({ length: 20 }, (_, i) => ({ at: at(i / 10), ip: `10.0.2.${i}` }));
    expect(lockoutOf(spread, rule, at(3))).toEqual({ until: at(15), addresses: 0, newAddresses: true });
    // Past the window: nothing.
    expect(lockoutOf(many, rule, at(30))).toBeNull();
  });
});
