import { Form, Input, Select } from 'antd';
import { useState } from 'react';
import type { Role } from '../../api/types.js';
import { useT } from '../../i18n/i18n.js';
import { roleLabels } from '../../shared/labels.js';
import { counted, lengthProblem } from '../../shared/counted.js';
import { UnitPicker } from '../../shared/UnitPicker.js';
import type { UserQuery } from './user-columns.js';

/** Finding people: by name, unit, role and whether the account is in use; each change reads the first page again. */
export function UserFilters({ query, onChange }: { query: UserQuery; onChange: (f: (q: UserQuery) => UserQuery) => void }) {
  const t = useT();
  const setQuery = onChange;
  // Counted, not cut: a longer search word stays whole and is refused with the server's limit (users.schemas.ts).
  const [text, setText] = useState('');
  const tooLong = lengthProblem(t, '搜索词', text.trim(), 64);
  return (
    <Form layout="inline" size="small" style={{ marginBottom: 10, rowGap: 8 }}>
      <Form.Item validateStatus={tooLong ? 'error' : undefined} help={tooLong ?? undefined}>
        <Input.Search
          placeholder={t('用户名或姓名')}
          allowClear
          value={text}
          onChange={(e) => setText(e.target.value)}
          onSearch={(v) => !tooLong && setQuery((q) => ({ ...q, q: v.trim() || undefined }))}
          style={{ width: 200 }}
          count={counted(64)}
        />
      </Form.Item>
      <Form.Item>
        <div style={{ width: 260 }}>
          <UnitPicker
            placeholder={t('所属单位')}
            value={query.unitId}
            onChange={(v) => setQuery((q) => ({ ...q, unitId: (v as string | undefined) || undefined }))}
          />
        </div>
      </Form.Item>
      <Form.Item>
        <Select
          placeholder={t('角色')}
          allowClear
          style={{ width: 130 }}
          value={query.role}
          onChange={(v?: string) => setQuery((q) => ({ ...q, role: v }))}
          options={(Object.keys(roleLabels) as Role[]).map((r) => ({ value: r, label: t(roleLabels[r]) }))}
        />
      </Form.Item>
      <Form.Item>
        <Select
          style={{ width: 110 }}
          value={query.active === undefined ? 'all' : String(query.active)}
          onChange={(v: string) => setQuery((q) => ({ ...q, active: v === 'all' ? undefined : v === 'true' }))}
          options={[
            { value: 'true', label: t('在用') },
            { value: 'false', label: t('已停用') },
            { value: 'all', label: t('全部') },
          ]}
        />
      </Form.Item>
    </Form>
  );
}
