import type { FormInstance } from 'antd';
import type { NamePath } from 'antd/es/form/interface.js';
import { ApiError } from './client.js';
import { joinList } from '../i18n/lists.js';

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

/** antd's refusal from validateFields: the fields that failed, their messages already shown under them. */
const isFieldsRefusal = (e: unknown): boolean => typeof e === 'object' && e !== null && Array.isArray((e as { errorFields?: unknown }).errorFields);

/**
 * The form's values, or null when a rule failed. antd shows the messages under the fields; its refusal, left to
 * escape a dialog's onOk, was an unhandled promise rejection (logged as a page error, nothing more shown).
 */
export async function validValues<V>(form: FormInstance<V>, names?: NamePath[]): Promise<V | null> {
  try {
    return await (names ? form.validateFields(names) : form.validateFields());
  } catch (e) {
    if (isFieldsRefusal(e)) return null;
    throw e;
  }
}

/**
 * What a toast says when the server refused a form. A person already reads each field's message under the field
 * (the error's message joins them all: client.ts `ApiError`), so the toast names only what fits no field, or asks to
 * look at the fields marked red.
 */
export function refusalToast(error: unknown, unplaced: string[], t: (text: string) => string): string {
  if (error instanceof ApiError && error.fields.length) return unplaced.length ? joinList(t, unplaced, '；') : t('请按标红的提示修改后再提交');
  return error instanceof Error ? error.message : String(error);
}
