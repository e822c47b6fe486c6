import { useEffect, useState } from 'react';
import { catalogApi, unitsApi } from '../api/admin.js';
import { callsApi, type CallQueue } from '../api/calls.js';
import type { Catalog, DivisionTree, Unit } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';

/**
 * Reference data every page reads (catalog, units, divisions; the call queues' names): fetched once per session and
 * shared, so the intake form opens instantly on the second call. `invalidate` after an administrator changes it.
 */
type Entry<T> = { promise: Promise<T> | null; value: T | null };
const cache = {
  catalog: { promise: null, value: null } as Entry<Catalog>,
  units: { promise: null, value: null } as Entry<Unit[]>,
  divisions: { promise: null, value: null } as Entry<DivisionTree>,
  queues: { promise: null, value: null } as Entry<CallQueue[]>,
};
type Key = keyof typeof cache;
const loaders: { [K in Key]: () => Promise<NonNullable<(typeof cache)[K]['value']>> } = {
  catalog: () => catalogApi.get(),
  units: () => unitsApi.list({ includeExternal: true }).then((r) => r.items),
  divisions: () => unitsApi.divisions(),
  queues: () => callsApi.queues().then((r) => r.items),
};

function fetchOnce<K extends Key>(key: K): Promise<NonNullable<(typeof cache)[K]['value']>> {
  const entry = cache[key] as Entry<unknown>;
  if (!entry.promise) {
    entry.promise = loaders[key]().then(
      (v) => ((entry.value = v), v),
      (e: unknown) => {
        entry.promise = null;
        throw e;
      },
    );
  }
  return entry.promise as Promise<NonNullable<(typeof cache)[K]['value']>>;
}

export function invalidateReference(key?: Key) {
  for (const k of key ? [key] : (Object.keys(cache) as Key[])) cache[k] = { promise: null, value: null } as never;
}

function useReference<K extends Key>(key: K) {
  const [value, setValue] = useState(cache[key].value as (typeof cache)[K]['value']);
  const [error, setError] = useState<unknown>(null);
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    let live = true;
    fetchOnce(key).then(
      (v) => live && setValue(v as never),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [key, nonce]);
  return {
    value,
    error,
    reload: () => {
      invalidateReference(key);
      setError(null);
      setNonce((n) => n + 1);
    },
  };
}

export const useCatalog = () => useReference('catalog');
export const useUnits = () => useReference('units');
export const useDivisions = () => useReference('divisions');

/** Catalog names in the interface language, falling back to the code for an entry that no longer exists. */
export function useCatalogNames() {
  const { value: catalog } = useCatalog();
  const { lang } = useI18n();
  const pick = (list: { code: string; nameZh: string; nameEn: string }[] | undefined, code: string) => {
    const e = list?.find((x) => x.code === code);
    return e ? (lang === 'en' ? e.nameEn : e.nameZh) : code;
  };
  return {
    catalog,
    type: (code: string) => pick(catalog?.types, code),
    subject: (code: string) => pick(catalog?.subjects, code),
    riskFlag: (code: string) => pick(catalog?.riskFlags, code),
    riskFlagDescription: (code: string) => catalog?.riskFlags.find((x) => x.code === code)?.description ?? '',
  };
}

/**
 * A call queue's name in the interface language ("rights" → 维权坐席 / Rights desk), from the voice menu's
 * configuration (listCallQueues); a queue it does not name is shown by its id, none as "—".
 */
export function useQueueName() {
  const { value: queues } = useReference('queues');
  const { lang } = useI18n();
  return (id: string | null | undefined): string => {
    if (!id) return '—';
    const q = queues?.find((x) => x.id === id);
    return q ? (lang === 'en' ? q.nameEn : q.nameZh) : id;
  };
}

/** The call queues by name, for a filter's options. */
export const useQueues = () => useReference('queues');

/** "150102" → "呼和浩特市 新城区", from the division tree; the code itself when the tree does not know it. */
export function useDivisionName() {
  const { value: tree } = useDivisions();
  return (code: string | null | undefined): string => {
    if (!code) return '';
    for (const city of tree?.children ?? []) {
      if (city.code === code) return city.name;
      const county = city.children.find((c) => c.code === code || code.startsWith(c.code));
      if (county) return `${city.name} ${county.name}${code.length > 6 ? ` ${code}` : ''}`;
    }
    return code;
  };
}
