/**
 * A LIKE / ILIKE pattern matching `s` anywhere in a value, `s` taken literally: `%`, `_` and the escape character `\`
 * (PostgreSQL's default ESCAPE) in what a user typed are escaped, so 100% finds "100%" and not every value.
 */
export const containing = (s: string): string => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
