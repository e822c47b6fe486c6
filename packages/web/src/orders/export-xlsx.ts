import type { OrderSummary } from '../api/types.js';

/**
 * Exports mask personal data (workflow.md): the list carries no caller names or numbers, and anything that looks
 * like a phone or ID number typed into a title or an address is masked as well.
 */
export function maskText(s: string | null | undefined): string {
  if (!s) return '';
  return s
    .replace(/(?<!\d)(\d{6})\d{8}(\d{3}[\dXx])(?!\d)/g, '$1********$2')
    .replace(/(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g, '$1****$2')
    .replace(/(?<!\d)(0\d{2,3})[-\s]?\d{3,4}(\d{4})(?!\d)/g, '$1****$2');
}

export type Namer = {
  state: (code: string) => string;
  type: (code: string) => string;
  subject: (code: string) => string;
  riskFlag: (code: string) => string;
  priority: (code: string) => string;
  tier: (code: string) => string;
  channel: (code: string) => string;
  deadline: (code: string) => string;
  satisfaction: (code: string) => string;
  time: (iso: string | null | undefined) => string;
  /** Several names in one cell, joined as the interface's language does (i18n/lists.ts). */
  list: (names: string[]) => string;
  yes: string;
  no: string;
};

export const exportHeaders = [
  '工单号',
  '状态',
  '受理时间',
  '来源渠道',
  '诉求类型',
  '诉求事项',
  '紧急程度',
  '难度',
  '风险标识',
  '标题',
  '用人单位',
  '地点',
  '行政区划代码',
  '承办单位',
  '来电人数',
  '涉及人数',
  '涉及金额（元）',
  '保密',
  '当前环节期限',
  '时限状态',
  '是否解决',
  '追回金额（元）',
  '帮助职工人数',
  '办理满意度',
];

export function exportRows(items: OrderSummary[], n: Namer): (string | number)[][] {
  return items.map((o) => [
    o.number,
    n.state(o.state),
    n.time(o.createdAt),
    n.channel(o.channel),
    n.type(o.typeCode),
    n.subject(o.subjectCode),
    n.priority(o.priority),
    n.tier(o.tier),
    n.list(o.riskFlags.map(n.riskFlag)),
    maskText(o.title),
    o.employerName ?? '',
    maskText(o.placeText),
    o.divisionCode ?? '',
    o.holderUnit.name,
    o.callerCount,
    o.workersInvolved ?? '',
    o.amountInvolved ?? '',
    o.confidential ? n.yes : n.no,
    n.time(o.deadlines.current?.dueAt),
    o.deadlines.current ? n.deadline(o.deadlines.current.status) : '',
    o.outcome ? (o.outcome.resolved ? n.yes : n.no) : '',
    o.outcome?.amountRecovered ?? '',
    o.outcome?.workersHelped ?? '',
    o.handlingSatisfaction ? n.satisfaction(o.handlingSatisfaction) : '',
  ]);
}

/** The hotline's wall clock (UTC+8) as parts, so the file name and the "exported at" line are one instant. */
export function shanghaiStamp(at: Date): { date: string; minute: string; file: string } {
  const local = new Date(at.getTime() + 8 * 3600_000).toISOString();
  const date = local.slice(0, 10);
  const hm = local.slice(11, 16);
  return { date, minute: `${date} ${hm}`, file: `${date}-${hm.replace(':', '')}` };
}

/**
 * A worksheet named after what was exported: the view, then the filters that narrow it ("超期 · 新城区总工会").
 * Excel allows 31 characters and none of : \ / ? * [ ].
 */
export function sheetNameOf(parts: (string | null | undefined)[]): string {
  const name = parts
    .filter((p): p is string => !!p && !!p.trim())
    .map((p) => p.replace(/[:\\/?*[\]]/g, ' ').trim())
    .join(' · ');
  return (name || 'Sheet1').slice(0, 31);
}

/** Builds the workbook in the browser; exceljs is loaded only now, so the list page stays light. */
export async function downloadXlsx(fileName: string, sheetName: string, headers: string[], rows: (string | number)[][], note: string): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.created = new Date();
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.addRow([note]);
  ws.getRow(1).font = { italic: true, color: { argb: 'FF888888' } };
  ws.addRow(headers);
  ws.getRow(2).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.columns.forEach((c, i) => {
    c.width = Math.min(40, Math.max(10, ...[headers[i] ?? '', ...rows.slice(0, 200).map((r) => String(r[i] ?? ''))].map((s) => s.length * 1.6)));
  });
  const buf = await wb.xlsx.writeBuffer();
  const blob = new Blob([buf], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
