/**
 * Timeline events of one order can name other orders: a link (`linkedOrder`), a merge into another (`mergedInto`),
 * the orders merged in (`sources`). Out of the viewer's scope, nothing about such an order is shown: the reference
 * is dropped and the event says only that something was redacted. Pure: the service says which orders are visible.
 */
type Data = Record<string, unknown> | null;

const idOf = (v: unknown): string | null => {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && typeof (v as { id?: unknown }).id === 'string') return (v as { id: string }).id;
  return null;
};

/** The ids of other orders an event's data names. */
export function otherOrdersNamed(data: unknown): string[] {
  if (!data || typeof data !== 'object') return [];
  const d = data as Record<string, unknown>;
  const ids: string[] = [];
  const linked = idOf(d.linkedOrder);
  if (linked) ids.push(linked);
  const into = idOf(d.mergedInto);
  if (into) ids.push(into);
  if (Array.isArray(d.sources)) for (const s of d.sources) if (idOf(s)) ids.push(idOf(s)!);
  return ids;
}

/** The data with every reference to an order the viewer may not see removed; `redacted` says whether any was. */
export function redactOtherOrders(data: unknown, visible: (orderId: string) => boolean): { data: Data; redacted: boolean } {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return { data: (data as Data) ?? null, redacted: false };
  const d = { ...(data as Record<string, unknown>) };
  let redacted = false;
  for (const key of ['linkedOrder', 'mergedInto'] as const) {
    const id = idOf(d[key]);
    if (id && !visible(id)) {
      d[key] = null;
      redacted = true;
    }
  }
  if (Array.isArray(d.sources)) {
    const kept = d.sources.filter((s) => {
      const id = idOf(s);
      return !id || visible(id);
    });
    if (kept.length !== d.sources.length) {
      d.sources = kept;
      redacted = true;
    }
  }
  if (redacted) d.redacted = true;
  return { data: d, redacted };
}
