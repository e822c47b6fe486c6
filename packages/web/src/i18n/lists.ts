/**
 * The marks a list is joined with in Chinese: 、 between names or words, ； between sentences (problems, citations).
 * Their English (", ", "; ") is in the English table, so `t` picks the mark of the interface's language.
 */
export type ListMark = '、' | '；';

/**
 * A list said to a person, joined by the interface's language: 张三、李四 / Zhang San, Li Si; 问题一；问题二 / first; second.
 * Only for what a person reads: keys, addresses and data sent to the server keep their own separators.
 */
export function joinList(t: (text: string) => string, parts: readonly string[], mark: ListMark = '、'): string {
  return parts.join(t(mark));
}
