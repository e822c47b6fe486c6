import { afterEach, describe, expect, it } from 'vitest';
import { homeFor, rememberHome } from './session.js';

afterEach(() => localStorage.clear());

describe('every role lands on its own work', () => {
  it.each([
    ['agent', '/intake'],
    ['dispatcher', '/orders?view=to_dispatch'],
    ['handler', '/orders?view=my_work'],
    ['supervisor', '/orders?view=overdue'],
    ['leader', '/cockpit'],
    ['lawyer', '/orders?view=consultations'],
    ['inspector', '/quality'],
    ['auditor', '/admin/audit'],
    ['administrator', '/admin/units'],
    ['security', '/admin/users'],
  ] as const)('%s → %s', (role, path) => expect(homeFor(role, 'u1')).toBe(path));

  it('an agent who works the callback queue lands on it next time; another person and another role do not', () => {
    rememberHome('u1', 'agent', '/orders?view=to_callback');
    expect(homeFor('agent', 'u1')).toBe('/orders?view=to_callback');
    expect(homeFor('agent', 'u2')).toBe('/intake');
    expect(homeFor('dispatcher', 'u1')).toBe('/orders?view=to_dispatch');
  });

  it('a start page the person chose wins over the remembered queue and the role', () => {
    rememberHome('u1', 'agent', '/intake');
    expect(homeFor('agent', 'u1', '/orders?view=to_callback')).toBe('/orders?view=to_callback');
    expect(homeFor('agent', 'u1', null)).toBe('/intake');
  });
});
