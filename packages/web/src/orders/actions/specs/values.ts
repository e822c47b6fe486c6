/** A dialog's form values, and the small readers that turn them into a request's optional parts. */
export type V = Record<string, unknown>;
export const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
export const opt = <K extends string>(k: K, v: unknown) => (str(v) ? { [k]: str(v)! } : {}) as Partial<Record<K, string>>;
export const coHandlersOf = (v: unknown) =>
  Array.isArray(v) ? (v as { unitId?: string; task?: string }[]).filter((c) => c.unitId).map((c) => ({ unitId: c.unitId!, ...opt('task', c.task) })) : [];
