import { describe, expect, it } from 'vitest';
import { defaultSubjects, defaultTypes, type CatalogSubject, type CatalogType } from './catalog.js';
import { checkUsualTypes, mergeEntries, type EntryInput } from './catalog-edit.js';

describe('mergeEntries', () => {
  const merge = (inputs: EntryInput<CatalogType>[]) => mergeEntries('body.types', defaultTypes, inputs, { defaultPath: '' });

  it.each([
    { what: 'rename', input: { code: 'help', nameZh: '求助服务' }, after: { nameZh: '求助服务', sortOrder: 20, active: true } },
    { what: 'reorder', input: { code: 'help', sortOrder: 5 }, after: { nameZh: '求助', sortOrder: 5 } },
    { what: 'deactivate', input: { code: 'suggestion', active: false }, after: { nameZh: '建议', active: false } },
    {
      what: 'add after the last entry',
      input: { code: 'report', nameZh: '举报', nameEn: 'Report' },
      after: { code: 'report', nameZh: '举报', nameEn: 'Report', description: '', defaultPath: '', sortOrder: 50, active: true },
    },
  ])('$what', ({ input, after }) => {
    const { changes, problems } = merge([input]);
    expect(problems).toEqual([]);
    expect(changes).toHaveLength(1);
    expect(changes[0]!.after).toMatchObject(after);
    expect(changes[0]!.before).toEqual(defaultTypes.find((t) => t.code === input.code) ?? null);
  });

  it('drops entries the edit leaves as they were, and keeps undefined fields from erasing values', () => {
    const { changes } = merge([{ code: 'help', nameZh: '求助', description: undefined }]);
    expect(changes).toEqual([]);
  });

  it.each([
    { inputs: [{ code: 'x_new' }], fields: ['body.types.0.nameZh', 'body.types.0.nameEn'] },
    { inputs: [{ code: 'x_new', nameZh: '新' }], fields: ['body.types.0.nameEn'] },
    {
      inputs: [
        { code: 'help', nameZh: 'A' },
        { code: 'help', nameZh: 'B' },
      ],
      fields: ['body.types.1.code'],
    },
  ])('refuses $inputs', ({ inputs, fields }) => {
    expect(merge(inputs).problems.map((p) => p.field)).toEqual(fields);
  });

  it('numbers several new entries one after another', () => {
    const { changes } = merge([
      { code: 'a_one', nameZh: '甲', nameEn: 'A' },
      { code: 'b_two', nameZh: '乙', nameEn: 'B' },
    ]);
    expect(changes.map((c) => c.after.sortOrder)).toEqual([50, 60]);
  });
});

describe('checkUsualTypes', () => {
  const subjects = (usualTypes: string[]) =>
    mergeEntries<CatalogSubject>('body.subjects', defaultSubjects, [{ code: 'psych_care', usualTypes }], { usualTypes: [] }).changes;
  const known = new Set(['consult', 'help', 'complaint', 'suggestion']);

  it.each([
    { usualTypes: ['help', 'consult'], fields: [] },
    { usualTypes: ['help', 'petition'], fields: ['body.subjects.0.usualTypes'] },
  ])('$usualTypes', ({ usualTypes, fields }) => {
    expect(checkUsualTypes('body.subjects', subjects(usualTypes), known).map((p) => p.field)).toEqual(fields);
  });
});
