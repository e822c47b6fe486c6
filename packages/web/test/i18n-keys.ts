import fs from 'node:fs';
import path from 'node:path';
import { labelTables } from '../src/shared/labels.js';

/** Every Chinese text the interface passes through t(): literal t('…') calls, label tables and menu labels. */
export function interfaceTexts(root: string): Set<string> {
  const out = new Set<string>();
  const walk = (dir: string) => {
    for (const f of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, f.name);
      if (f.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(f.name) && !/\.test\.tsx?$/.test(f.name)) {
        const src = fs.readFileSync(p, 'utf8');
        for (const m of src.matchAll(/\bt\(\s*'((?:[^'\\]|\\.)*)'/g)) out.add(m[1]!);
        // Texts handed to t() indirectly: titles, labels, intros and hints in spec tables.
        for (const m of src.matchAll(/\b(?:title|label|intro|hint|okText|success|placeholder|text):\s*'((?:[^'\\]|\\.)*[\u4e00-\u9fff](?:[^'\\]|\\.)*)'/g))
          out.add(m[1]!);
        for (const m of src.matchAll(/\b(?:label|placeholder)="([^"]*[\u4e00-\u9fff][^"]*)"/g)) out.add(m[1]!);
        // Field labels named in validation messages: rules.required(t, '来电人姓名') says t(label) inside t('请填写{label}').
        for (const m of src.matchAll(/\brules\.\w+\(\s*t,\s*'((?:[^'\\]|\\.)*)'/g)) out.add(m[1]!);
      }
    }
  };
  walk(root);
  for (const table of Object.values(labelTables)) for (const v of Object.values(table)) out.add(v);
  return new Set([...out].filter((s) => /[\u4e00-\u9fff]/.test(s)));
}
