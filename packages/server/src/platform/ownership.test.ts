import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * One owner per table (issue 9, docs/architecture.md): a capability's tables are read and written only by its own
 * modules; another capability calls its repository. Read from the source tree, so a new reach into another
 * capability's tables fails here, whether by importing its `*.tables.ts` or by naming its table in raw SQL.
 */
const src = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return filesUnder(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [relative(src, p)] : [];
  });
}

/** The capability a file belongs to: its top folder under src/ (platform's folders each their own). */
const capabilityOf = (file: string) => {
  const parts = file.split('/');
  return parts[0] === 'platform' ? `platform/${parts[1]}` : parts[0]!;
};

/**
 * The reaches that stay, each with why (docs/architecture.md, "One owner per table"). A key is a file or a folder
 * ending in '/'; the value lists the other capabilities' tables it may name, '*' for any.
 */
const allowed: Record<string, { tables: string[] | '*'; why: string }> = {
  'platform/db/schema.ts': { tables: '*', why: 'lists every table for drizzle and the migrations; reads none' },
  'install/': { tables: '*', why: 'the installer lays the first rows of every capability in an empty database' },
  'demo/': { tables: '*', why: 'the demo generator writes thousands of generated rows in bulk, before any service runs' },
  'access/scope.ts': { tables: ['units'], why: 'the access rule is spelt over the units’ path and composed into the owners’ statements' },
  'users/users.repo.ts': { tables: ['units'], why: 'people are in reach by their unit’s path: filtered and ordered by it in one statement' },
  'users/user-names.ts': { tables: ['units'], why: 'a telephony agent’s unit path, read with the person for every call batch' },
  'orders/order-counts.ts': {
    tables: ['units'],
    why: 'the cockpit’s order flow sums the counters of a subtree’s units, found by their path, in one statement',
  },
  'auth/auth.repo.ts': { tables: ['users'], why: 'a session or token is resolved to its person on every request, in one statement' },
  'supervision/supervision.repo.ts': {
    tables: ['work_orders', 'order_events'],
    why: 'the timers scan narrows 100,000 open orders by anti-joins on its own signals in one statement; the board likewise',
  },
  'supervision/reviews.repo.ts': {
    tables: ['work_orders', 'order_events', 'units'],
    why: 'the weekly agenda, the meeting items and the monthly circular aggregate a week’s or month’s events in one statement',
  },
};

const files = filesUnder(src);
const owner = new Map<string, string>();
for (const f of files.filter((f) => f.endsWith('.tables.ts'))) {
  for (const m of readFileSync(join(src, f), 'utf8').matchAll(/pgTable\(\s*'([a-z_0-9]+)'/g)) owner.set(m[1]!, capabilityOf(f));
}

function allowance(file: string) {
  const key = Object.keys(allowed).find((k) => (k.endsWith('/') ? file.startsWith(k) : file === k));
  return key ? allowed[key]!.tables : [];
}

const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

/** Every table of another capability the file reaches: by importing its tables module, or by naming it in SQL. */
function reaches(file: string): string[] {
  if (file.endsWith('.tables.ts')) return []; // foreign keys name the referenced table: a schema fact, not a read
  const text = withoutComments(readFileSync(join(src, file), 'utf8'));
  const mine = capabilityOf(file);
  const out: string[] = [];
  for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.[^'"]*\.tables\.js)['"]/g)) {
    const target = relative(src, resolve(src, dirname(file), m[1]!)).replace(/\.js$/, '.ts');
    if (capabilityOf(target) !== mine) out.push(`imports ${target}`);
  }
  const tables = [...owner.keys()].sort((a, b) => b.length - a.length).join('|');
  for (const m of text.matchAll(new RegExp(`\\b(?:from|join|update|into)\\s+"?(${tables})"?\\b`, 'gi'))) {
    const t = m[1]!.toLowerCase();
    if (owner.get(t) !== mine) out.push(`names ${t}`);
  }
  const allow = allowance(file);
  return [...new Set(out)].filter((r) => {
    if (allow === '*') return false;
    if (r.startsWith('names ')) return !allow.includes(r.slice(6));
    const target = r.slice(8);
    const theirs = [...owner].filter(([, c]) => c === capabilityOf(target)).map(([t]) => t);
    return !theirs.some((t) => allow.includes(t));
  });
}

const holdsSql = (file: string) =>
  /\b(?:db|tx)\s*\.\s*(?:select|selectDistinct|insert|update|delete|execute)\(|^\s*\.(?:select|insert|update|delete|execute)\(/m.test(
    withoutComments(readFileSync(join(src, file), 'utf8')),
  );

describe('one owner per table', () => {
  it('finds the tables and their owners', () => {
    // A guard for the test itself: if the table scan broke, every check below would pass vacuously.
    expect(owner.get('work_orders')).toBe('orders');
    expect(owner.get('units')).toBe('units');
    expect(owner.get('sessions')).toBe('auth');
    expect(owner.size).toBeGreaterThan(50);
  });

  it('no module reads or writes another capability’s tables outside the allow-list', () => {
    const found = Object.fromEntries(files.map((f) => [f, reaches(f)] as const).filter(([, r]) => r.length > 0));
    expect(found).toEqual({});
  });

  it('the checks see a reach when there is one', () => {
    // Each allowed file really does reach (an entry that no longer does is stale and goes).
    for (const key of Object.keys(allowed).filter((k) => !k.endsWith('/') && k !== 'platform/db/schema.ts')) {
      const saved = allowed[key]!;
      allowed[key] = { tables: [], why: '' };
      try {
        expect(reaches(key), key).not.toEqual([]);
      } finally {
        allowed[key] = saved;
      }
    }
  });

  it('services and routes hold no SQL: loading and role checks only, the statements are the repositories’', () => {
    const services = files.filter((f) => f.endsWith('.service.ts') || f.endsWith('.routes.ts'));
    expect(services.length).toBeGreaterThan(60);
    expect(services.filter(holdsSql)).toEqual([]);
    // The check itself: a repository holds SQL by this definition.
    expect(holdsSql('orders/orders.repo.ts')).toBe(true);
  });
});
