import { ClearOutlined, FilterOutlined } from '@ant-design/icons';
import { Badge, Button, DatePicker, Drawer, Form, Input, Space } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { priorities } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { deadlineLabels, priorityLabels } from '../shared/labels.js';
import { useCatalog } from '../shared/reference.js';
import { UnitPicker } from '../shared/UnitPicker.js';
import { fixedBy, type Filters, type SavedView } from './views.js';
import { ChoiceFilter } from './filters/ChoiceFilter.js';
import { MoreFilters } from './filters/MoreFilters.js';

/** The most a search may say (server: orders.routes.ts listOrders `q`). */
export const searchMax = 100;

/**
 * The filters listOrders supports; selects apply at once, typed text on Enter. `narrow` (a phone, below antd's md): the
 * search box and a 筛选 button that opens the other filters in a drawer, one under another across its width; in a row
 * they ran off a 390 px screen.
 */
export function OrderFilters({
  view,
  filters,
  onChange,
  narrow = false,
}: {
  view: SavedView;
  filters: Filters;
  onChange: (f: Filters) => void;
  narrow?: boolean;
}) {
  const { t, lang } = useI18n();
  const { value: catalog } = useCatalog();
  const fixed = fixedBy(view);
  const [more, setMore] = useState(() =>
    Boolean(filters.callerPhone || filters.employer || filters.channel || filters.tier || filters.confidential !== undefined || filters.state),
  );
  const [drawer, setDrawer] = useState(false);
  const [q, setQ] = useState(filters.q ?? '');
  useEffect(() => setQ(filters.q ?? ''), [filters.q]);
  // A longer search (typed, pasted, or in a link) stays in the box as it is and is marked there: not cut, and the box
  // does not search with it.
  const qTooLong = q.trim().length > searchMax;

  const set = (patch: Partial<Filters>) => {
    const next = { ...filters, ...patch } as Record<string, unknown>;
    for (const k of Object.keys(next))
      if (next[k] === undefined || next[k] === '' || (Array.isArray(next[k]) && !(next[k] as unknown[]).length)) delete next[k];
    onChange(next as Filters);
  };
  const name = (e: { nameZh: string; nameEn: string }) => (lang === 'en' ? e.nameEn : e.nameZh);
  const opts = (table: Record<string, string>, codes: readonly string[]) => codes.map((c) => ({ value: c, label: t(table[c] ?? c) }));

  const search = (
    <Form.Item
      validateStatus={qTooLong ? 'error' : undefined}
      help={qTooLong ? t('搜索内容不能超过 {max} 个字（现有 {n} 个）', { max: searchMax, n: q.trim().length }) : undefined}
    >
      <Input.Search
        placeholder={t('工单号、标题、内容、单位、地点')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onSearch={(v) => {
          if (v.trim().length <= searchMax) set({ q: v.trim() || undefined });
        }}
        allowClear
        style={{ width: narrow ? '100%' : 240 }}
        aria-invalid={qTooLong || undefined}
      />
    </Form.Item>
  );
  const others = (
    <>
      <ChoiceFilter
        placeholder={t('诉求类型')}
        width={110}
        value={filters.typeCode}
        onChange={(v) => set({ typeCode: v })}
        options={(catalog?.types ?? []).map((x) => ({ value: x.code, label: name(x) }))}
      />
      <ChoiceFilter
        placeholder={t('诉求事项')}
        width={160}
        showSearch={{ optionFilterProp: 'label' }}
        value={filters.subjectCode}
        onChange={(v) => set({ subjectCode: v })}
        options={(catalog?.subjects ?? []).map((x) => ({ value: x.code, label: name(x) }))}
      />
      <ChoiceFilter
        placeholder={t('时限状态')}
        width={110}
        disabled={fixed.has('deadlineStatus')}
        value={view.query.deadlineStatus ?? filters.deadlineStatus}
        onChange={(v) => set({ deadlineStatus: v })}
        options={opts(deadlineLabels, ['on_time', 'near_due', 'overdue'])}
      />
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
      <ChoiceFilter
        placeholder={t('紧急程度')}
        width={100}
        value={filters.priority}
        onChange={(v) => set({ priority: v })}
        options={opts(priorityLabels, priorities)}
      />
      <ChoiceFilter
        placeholder={t('风险标识')}
        width={100}
        value={filters.riskFlag}
        onChange={(v) => set({ riskFlag: v })}
        options={(catalog?.riskFlags ?? []).map((x) => ({ value: x.code, label: name(x) }))}
      />
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
      {more && <MoreFilters view={view} filters={filters} set={set} />}
    </>
  );

  if (!narrow)
    return (
      <Form layout="inline" className="order-filters" size="small">
        {search}
        {others}
      </Form>
    );
  // The filters set besides the search (a view's own fixed ones are not the person's), counted on the button.
  const chosen = Object.keys(filters).filter((k) => k !== 'q').length;
  return (
    <>
      <Form layout="inline" className="order-filters order-filters-narrow">
        {search}
        <Form.Item>
          <Badge count={chosen} size="small">
            <Button icon={<FilterOutlined />} onClick={() => setDrawer(true)} aria-expanded={drawer}>
              {t('筛选')}
            </Button>
          </Badge>
        </Form.Item>
      </Form>
      <Drawer
        open={drawer}
        onClose={() => setDrawer(false)}
        placement="bottom"
        size="auto"
        title={t('筛选')}
        rootClassName="order-filters-drawer"
        extra={
          <Button type="primary" onClick={() => setDrawer(false)}>
            {t('完成')}
          </Button>
        }
      >
        <Form layout="inline" className="order-filters order-filters-stacked">
          {others}
        </Form>
      </Drawer>
    </>
  );
}
