import { ClearOutlined, FilterOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { channels, orderStates, priorities, tiers } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { channelLabels, deadlineLabels, priorityLabels, stateLabels, tierLabels } from '../shared/labels.js';
import { useCatalog } from '../shared/reference.js';
import { UnitPicker } from '../shared/UnitPicker.js';
import { fixedBy, type Filters, type SavedView } from './views.js';

/** The filters listOrders supports; selects apply at once, typed text on Enter. */
export function OrderFilters({ view, filters, onChange }: { view: SavedView; filters: Filters; onChange: (f: Filters) => void }) {
  const { t, lang } = useI18n();
  const { value: catalog } = useCatalog();
  const fixed = fixedBy(view);
  const [more, setMore] = useState(() =>
    Boolean(filters.callerPhone || filters.employer || filters.channel || filters.tier || filters.confidential !== undefined || filters.state),
  );
  const [phone, setPhone] = useState(filters.callerPhone ?? '');
  const [employer, setEmployer] = useState(filters.employer ?? '');
  const [q, setQ] = useState(filters.q ?? '');
  useEffect(() => {
    setPhone(filters.callerPhone ?? '');
    setEmployer(filters.employer ?? '');
    setQ(filters.q ?? '');
  }, [filters.callerPhone, filters.employer, filters.q]);

  const phoneOk = !phone || /^\d{3,12}$/.test(phone);
  const set = (patch: Partial<Filters>) => {
    const next = { ...filters, ...patch } as Record<string, unknown>;
    for (const k of Object.keys(next))
      if (next[k] === undefined || next[k] === '' || (Array.isArray(next[k]) && !(next[k] as unknown[]).length)) delete next[k];
    onChange(next as Filters);
  };
  const name = (e: { nameZh: string; nameEn: string }) => (lang === 'en' ? e.nameEn : e.nameZh);
  const opts = (table: Record<string, string>, codes: readonly string[]) => codes.map((c) => ({ value: c, label: t(table[c] ?? c) }));

  return (
    <Form layout="inline" className="order-filters" size="small">
      <Form.Item>
        <Input.Search
          placeholder={t('工单号、标题、内容、单位、地点')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onSearch={(v) => set({ q: v.trim() || undefined })}
          allowClear
          style={{ width: 240 }}
          maxLength={100}
        />
      </Form.Item>
      <Form.Item>
        <Select
          placeholder={t('诉求类型')}
          allowClear
          style={{ width: 110 }}
          value={filters.typeCode}
          onChange={(v) => set({ typeCode: v })}
          options={(catalog?.types ?? []).map((x) => ({ value: x.code, label: name(x) }))}
        />
      </Form.Item>
      <Form.Item>
        <Select
          placeholder={t('诉求事项')}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 160 }}
          value={filters.subjectCode}
          onChange={(v) => set({ subjectCode: v })}
          options={(catalog?.subjects ?? []).map((x) => ({ value: x.code, label: name(x) }))}
        />
      </Form.Item>
      <Form.Item>
        <Select
          placeholder={t('时限状态')}
          allowClear
          style={{ width: 110 }}
          disabled={fixed.has('deadlineStatus')}
          value={view.query.deadlineStatus ?? filters.deadlineStatus}
          onChange={(v) => set({ deadlineStatus: v })}
          options={opts(deadlineLabels, ['on_time', 'near_due', 'overdue'])}
        />
      </Form.Item>
      <Form.Item>
        {/* A county union's subtree is its region: the orders its unions and the towns below them hold. */}
        <div style={{ width: 200 }}>
          <UnitPicker
            value={filters.unitId}
            onChange={(v) => set({ unitId: typeof v === 'string' ? v : undefined })}
            placeholder={t('承办单位或地区（含下级）')}
          />
        </div>
      </Form.Item>
      <Form.Item>
        <Select
          placeholder={t('紧急程度')}
          allowClear
          style={{ width: 100 }}
          value={filters.priority}
          onChange={(v) => set({ priority: v })}
          options={opts(priorityLabels, priorities)}
        />
      </Form.Item>
      <Form.Item>
        <Select
          placeholder={t('风险标识')}
          allowClear
          style={{ width: 100 }}
          value={filters.riskFlag}
          onChange={(v) => set({ riskFlag: v })}
          options={(catalog?.riskFlags ?? []).map((x) => ({ value: x.code, label: name(x) }))}
        />
      </Form.Item>
      <Form.Item>
        <DatePicker.RangePicker
          style={{ width: 230 }}
          value={filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null}
          onChange={(r) => set({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
          placeholder={[t('受理开始日期'), t('结束日期')]}
        />
      </Form.Item>
      <Form.Item>
        <Space size={4}>
          <Button icon={<FilterOutlined />} onClick={() => setMore((m) => !m)} type={more ? 'primary' : 'default'} ghost={more}>
            {t('更多筛选')}
          </Button>
          <Button icon={<ClearOutlined />} onClick={() => onChange({})} disabled={!Object.keys(filters).length}>
            {t('清空')}
          </Button>
        </Space>
      </Form.Item>
      {more && (
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
              onChange={(e) => setPhone(e.target.value.replace(/\D/g, ''))}
              onSearch={(v) => phoneOk && set({ callerPhone: v || undefined })}
              allowClear
              style={{ width: 170 }}
              maxLength={12}
            />
          </Form.Item>
          <Form.Item>
            <Input.Search
              placeholder={t('用人单位')}
              value={employer}
              onChange={(e) => setEmployer(e.target.value)}
              onSearch={(v) => set({ employer: v.trim() || undefined })}
              allowClear
              style={{ width: 170 }}
              maxLength={100}
            />
          </Form.Item>
          <Form.Item>
            <Select
              placeholder={t('来源渠道')}
              allowClear
              style={{ width: 120 }}
              value={filters.channel}
              onChange={(v) => set({ channel: v })}
              options={opts(channelLabels, channels)}
            />
          </Form.Item>
          <Form.Item>
            <Select
              placeholder={t('难度')}
              allowClear
              style={{ width: 100 }}
              value={filters.tier}
              onChange={(v) => set({ tier: v })}
              options={opts(tierLabels, tiers)}
            />
          </Form.Item>
          <Form.Item>
            <Select
              placeholder={t('保密')}
              allowClear
              style={{ width: 100 }}
              value={filters.confidential === undefined ? undefined : String(filters.confidential)}
              onChange={(v?: string) => set({ confidential: v === undefined ? undefined : v === 'true' })}
              options={[
                { value: 'true', label: t('保密工单') },
                { value: 'false', label: t('非保密') },
              ]}
            />
          </Form.Item>
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
      )}
    </Form>
  );
}
