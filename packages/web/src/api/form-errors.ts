import type { FormInstance } from 'antd';
import { ApiError } from './client.js';

/** 'body.callers.0.phone' → ['callers', 0, 'phone']: the server names fields by where they sit in the request. */
export function fieldPath(serverField: string): (string | number)[] {
  const parts = serverField.split('.');
  if (['body', 'querystring', 'params'].includes(parts[0] ?? '')) parts.shift();
  return parts.filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/**
 * Puts the server's per-field messages on the form fields they belong to and returns the ones that fit no field
 * (to show above the form). `alias` maps a server path ('place.divisionCode') to a form path ('division').
 */
export function applyServerErrors(form: FormInstance, error: unknown, alias: Record<string, (string | number)[]> = {}): string[] {
  if (!(error instanceof ApiError)) return [error instanceof Error ? error.message : String(error)];
  const registered = new Set(form.getFieldsError().map((f) => f.name.join('.')));
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const unplaced: string[] = [];
  for (const f of error.fields) {
    const path = fieldPath(f.field);
    const key = path.join('.');
    const name = alias[key] ?? (registered.has(key) ? path : null);
    if (!name) {
      unplaced.push(f.message);
      continue;
    }
    const k = name.join('.');
    const entry = byField.get(k) ?? { name, errors: [] };
    entry.errors.push(f.message);
    byField.set(k, entry);
  }
  if (byField.size) form.setFields([...byField.values()]);
  // Without any per-field detail the message itself is what the person needs to read.
  if (!error.fields.length) unplaced.push(error.message);
  return unplaced;
}
