import { Form, Input, Select } from 'antd';
import { useEffect, useState } from 'react';
import { channels, orderStates, tiers } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n.js';
import { channelLabels, stateLabels, tierLabels } from '../../shared/labels.js';
import { counted, lengthProblem } from '../../shared/counted.js';
import { normalisePhone } from '../../shared/validation.js';
import { fixedBy, type Filters, type SavedView } from '../views.js';
import { ChoiceFilter } from './ChoiceFilter.js';

/** The server's limit of the employer filter (orders.routes.ts). */
const employerMax = 100;

/** 更多筛选: the filters used less often — state, caller's number, employer, channel, tier, confidentiality, order. */
export function MoreFilters({ view, filters, set }: { view: SavedView; filters: Filters; set: (patch: Partial<Filters>) => void }) {
  const { t } = useI18n();
  const fixed = fixedBy(view);
  const [phone, setPhone] = useState(filters.callerPhone ?? '');
  const [employer, setEmployer] = useState(filters.employer ?? '');
  useEffect(() => {
    setPhone(filters.callerPhone ?? '');
    setEmployer(filters.employer ?? '');
  }, [filters.callerPhone, filters.employer]);

  // A number as written or pasted (0471-6912345, +86 139 …) is searched as its digits (shared/validation.ts).
  const phoneOk = !phone || /^\d{3,12}$/.test(normalisePhone(phone));
  // Counted, not cut: a pasted name past the server's limit (orders.routes.ts listQuery.employer) stays whole and is refused.
  const employerProblem = lengthProblem(t, '用人单位', employer, employerMax);
  const opts = (table: Record<string, string>, codes: readonly string[]) => codes.map((c) => ({ value: c, label: t(table[c] ?? c) }));
  return (
    <div className="order-filters-more">
      {!fixed.has('state') && (
        <Form.Item>
          <Select
            mode="multiple"
            placeholder={t('状态')}
            allowClear
            style={{ minWidth: 180 }}
            maxTagCount={2}
            value={filters.state ?? []}
            onChange={(v: string[]) => set({ state: v })}
            options={opts(stateLabels, orderStates)}
          />
        </Form.Item>
      )}
      <Form.Item validateStatus={phoneOk ? undefined : 'error'} help={phoneOk ? undefined : t('来电号码应为 3–12 位数字（可输入部分号码）')}>
        <Input.Search
          placeholder={t('来电号码（可部分）')}
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
          onSearch={(v) => phoneOk && set({ callerPhone: normalisePhone(v) || undefined })}
          allowClear
          style={{ width: 170 }}
        />
      </Form.Item>
      <Form.Item validateStatus={employerProblem ? 'error' : undefined} help={employerProblem ?? undefined}>
        <Input.Search
          placeholder={t('用人单位（可部分）')}
          value={employer}
          onChange={(e) => setEmployer(e.target.value)}
          onSearch={(v) => !employerProblem && set({ employer: v.trim() || undefined })}
          allowClear
          style={{ width: 170 }}
          count={counted(employerMax)}
        />
      </Form.Item>
      <ChoiceFilter
        placeholder={t('来源渠道')}
        width={120}
        value={filters.channel}
        onChange={(v) => set({ channel: v })}
        options={opts(channelLabels, channels)}
      />
      <ChoiceFilter placeholder={t('难度')} width={100} value={filters.tier} onChange={(v) => set({ tier: v })} options={opts(tierLabels, tiers)} />
      <ChoiceFilter
        placeholder={t('保密')}
        width={100}
        value={filters.confidential === undefined ? undefined : String(filters.confidential)}
        onChange={(v?: string) => set({ confidential: v === undefined ? undefined : v === 'true' })}
        options={[
          { value: 'true', label: t('保密工单') },
          { value: 'false', label: t('非保密') },
        ]}
      />
      <Form.Item>
        <Select
          style={{ width: 140 }}
          value={filters.sort ?? view.query.sort ?? 'due_asc'}
          onChange={(v) => set({ sort: v })}
          options={[
            { value: 'created_desc', label: t('最新受理在前') },
            { value: 'created_asc', label: t('最早受理在前') },
            { value: 'due_asc', label: t('按紧急程度（超期最久在前）') },
            { value: 'updated_desc', label: t('最近更新在前') },
          ]}
        />
      </Form.Item>
    </div>
  );
}
