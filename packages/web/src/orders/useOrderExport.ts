import { App } from 'antd';
import { useState } from 'react';
import { ordersApi, type ListQuery } from '../api/orders.js';
import type { OrderSummary } from '../api/types.js';
import { useT } from '../i18n/i18n.js';
import { joinList } from '../i18n/lists.js';
import { formatTime } from '../shared/format.js';
import { channelLabels, deadlineLabels, priorityLabels, satisfactionLabels, stateLabels, tierLabels } from '../shared/labels.js';
import { useCatalogNames } from '../shared/reference.js';
import { downloadXlsx, exportHeaders, exportRows, shanghaiStamp, sheetNameOf } from './export-xlsx.js';

const exportCap = 5000;

/**
 * Exports what the list shows (up to 5,000 orders) as a workbook: the file name and the "exported at" line are the
 * same instant in the hotline's zone, and the sheet is named after the view and its filters.
 */
export function useOrderExport(query: ListQuery, sheetParts: (string | undefined)[]) {
  const t = useT();
  const { message } = App.useApp();
  const names = useCatalogNames();
  const [exporting, setExporting] = useState(false);

  const run = async () => {
    setExporting(true);
    const hide = message.loading(t('正在导出…'), 0);
    try {
      const all: OrderSummary[] = [];
      let next: string | undefined;
      do {
        const p = await ordersApi.list({ ...query, limit: 200, ...(next ? { cursor: next } : {}) });
        all.push(...p.items);
        next = p.nextCursor ?? undefined;
      } while (next && all.length < exportCap);
      const rows = exportRows(all, {
        state: (c) => t(stateLabels[c as keyof typeof stateLabels] ?? c),
        type: names.type,
        subject: names.subject,
        riskFlag: names.riskFlag,
        priority: (c) => t(priorityLabels[c] ?? c),
        tier: (c) => t(tierLabels[c] ?? c),
        channel: (c) => t(channelLabels[c] ?? c),
        deadline: (c) => t(deadlineLabels[c] ?? c),
        satisfaction: (c) => t(satisfactionLabels[c] ?? c),
        time: formatTime,
        list: (names) => joinList(t, names),
        yes: t('是'),
        no: t('否'),
      });
      const stamp = shanghaiStamp(new Date());
      const sheet = sheetNameOf(sheetParts);
      await downloadXlsx(
        `${t('工单')}-${sheet.replace(/ · /g, '-')}-${stamp.file}.xlsx`,
        sheet,
        exportHeaders.map((h) => t(h)),
        rows,
        t('导出于 {time}（北京时间），共 {n} 条；个人信息已脱敏（不含来电人姓名、电话、身份证号）', { time: stamp.minute, n: rows.length }),
      );
      message.success(all.length >= exportCap ? t('已导出前 {n} 条，请缩小筛选范围导出其余', { n: all.length }) : t('已导出 {n} 条', { n: all.length }));
    } catch (e) {
      message.error(t('导出失败：{msg}', { msg: (e as Error).message }));
    } finally {
      hide();
      setExporting(false);
    }
  };
  return { exporting, run };
}
