import type { InputProps } from 'antd';
import type { T } from '../i18n/i18n.js';

/**
 * The counter of a text field with the server's limit: antd's `count`, never `maxLength`. `maxLength` cut a pasted
 * text at the limit without a word; counted, the field keeps all of it, the counter turns red past the limit and the
 * field's max rule (validation.ts `rules.max`, the server's number) refuses the submit with its message, so the person
 * decides what to drop. A short field shows its count only near the limit; a long text (`always`) all the time.
 */
export function counted(max: number, always = false): NonNullable<InputProps['count']> {
  return { max, show: always ? true : ({ count, maxLength }) => (count > max * 0.8 ? `${count} / ${maxLength}` : null) };
}

/**
 * For a text kept in a component's state rather than a form: the same message `rules.max` gives (the server's number),
 * or null. The field shows it and turns red; the action it belongs to is not sent while there is one.
 */
export function lengthProblem(t: T, label: string, value: string | undefined, max: number): string | null {
  return (value?.length ?? 0) > max ? t('{label}不能超过 {max} 字', { label: t(label), max }) : null;
}
