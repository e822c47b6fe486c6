import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import ExcelJS from 'exceljs';
import { formatLocal } from '../catalog/domain/time-limit-rules.js';
import type { KpiFigures } from './domain/kpis.js';
import { changePercent } from './domain/kpis.js';
import { percent, publishedRows, yuan } from './domain/report-text.js';

export type ReportContent = {
  title: string;
  unitName: string;
  from: string;
  to: string;
  summary: string;
  figures: KpiFigures;
  previous: KpiFigures & { from: string; to: string };
  lastYear: KpiFigures & { from: string; to: string };
  subjects: { name: string; count: number }[];
  employers: { name: string; count: number }[];
  notable: { number: string; title: string; note: string }[];
  campaigns: { name: string; orders: number; amountRecoveredYuan: number }[];
  /** ISO instant; printed as Beijing wall-clock time. */
  generatedAt: string;
};

/** The comparison rows: this period, previous, change, same period last year, change. Rates in percent. */
export function comparisonRows(c: ReportContent) {
  const rate = (k: keyof KpiFigures, label: string) => ({
    label,
    now: c.figures[k] as number | null,
    prev: c.previous[k] as number | null,
    ly: c.lastYear[k] as number | null,
    isRate: true,
  });
  const count = (k: keyof KpiFigures, label: string) => ({ ...rate(k, label), isRate: false });
  return [
    count('requests', '受理量（人次）'),
    count('ordersCreated', '工单量'),
    count('ordersDispatched', '派单量'),
    count('dueInPeriod', '应办结'),
    count('completedOnTime', '按时办结'),
    rate('completionRate', '办结率'),
    rate('onTimeRate', '按时办结率'),
    rate('timelySignRate', '及时签收率'),
    rate('returnRate', '回退率'),
    rate('extensionRate', '延期率'),
    rate('callbackRate', '回访率'),
    rate('satisfactionRate', '满意率（办理）'),
    rate('callSatisfactionRate', '满意率（话务）'),
    rate('firstContactResolutionRate', '一次性解答率'),
    count('averageHandlingWorkingDays', '平均办理时长（工作日）'),
    count('amountRecoveredYuan', '追回金额（元）'),
    count('workersHelped', '帮助职工（人）'),
    count('invalidOrders', '无效工单（不计入比率）'),
  ];
}
const show = (v: number | null, isRate: boolean) => (v === null ? '—' : isRate ? percent(v) : String(v));
const change = (a: number | null, b: number | null) => {
  const c = changePercent(a, b);
  return c === null ? '—' : `${c > 0 ? '+' : ''}${c.toFixed(1)}%`;
};

export async function reportXlsx(c: ReportContent): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '12351 工单平台';
  wb.created = new Date(c.generatedAt);
  const ws = wb.addWorksheet('主要指标');
  ws.columns = [{ width: 26 }, { width: 16 }, { width: 16 }, { width: 12 }, { width: 16 }, { width: 12 }];
  ws.addRow([c.title]).font = { bold: true, size: 14 };
  ws.addRow([`单位：${c.unitName}`, `统计期间：${c.from} 至 ${c.to}`]);
  ws.addRow([]);
  ws.addRow(['指标', '本期', `上期（${c.previous.from}–${c.previous.to}）`, '环比', `同期（${c.lastYear.from}–${c.lastYear.to}）`, '同比']).font = {
    bold: true,
  };
  for (const r of comparisonRows(c))
    ws.addRow([r.label, show(r.now, r.isRate), show(r.prev, r.isRate), change(r.now, r.prev), show(r.ly, r.isRate), change(r.now, r.ly)]);
  // Call figures come from the call records (null: no call data for this period or unit).
  ws.addRow(['来电量', c.figures.calls === null ? '暂无话务数据' : String(c.figures.calls)]);
  ws.addRow(['接通率', c.figures.answerRate === null ? '暂无话务数据' : show(c.figures.answerRate, true)]);
  ws.addRow([]);
  ws.addRow(['综述']).font = { bold: true };
  ws.addRow([c.summary]);

  const pub = wb.addWorksheet('通报口径');
  pub.columns = [{ width: 26 }, { width: 20 }];
  pub.addRow(['指标', '本期']).font = { bold: true };
  for (const r of publishedRows(c.figures)) pub.addRow([r.label, r.value]);

  const hot = wb.addWorksheet('热点');
  hot.columns = [{ width: 30 }, { width: 10 }];
  hot.addRow(['诉求事项', '件数']).font = { bold: true };
  for (const s of c.subjects) hot.addRow([s.name, s.count]);
  hot.addRow([]);
  hot.addRow(['被反映用人单位', '件数']).font = { bold: true };
  for (const e of c.employers) hot.addRow([e.name, e.count]);

  const notable = wb.addWorksheet('重点工单');
  notable.columns = [{ width: 28 }, { width: 40 }, { width: 40 }];
  notable.addRow(['工单编号', '标题', '说明']).font = { bold: true };
  for (const n of c.notable) notable.addRow([n.number, n.title, n.note]);
  if (c.campaigns.length) {
    notable.addRow([]);
    notable.addRow(['专项行动', '工单数', '追回金额（元）']).font = { bold: true };
    for (const k of c.campaigns) notable.addRow([k.name, k.orders, k.amountRecoveredYuan]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold, size: 21 })] })] });
const table = (head: string[], rows: string[][]) =>
  new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: head.map((h) => cell(h, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((v) => cell(v)) })),
    ],
  });
const para = (text: string, opts: { bold?: boolean; size?: number; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}) =>
  new Paragraph({
    ...(opts.align ? { alignment: opts.align } : {}),
    spacing: { after: 120 },
    children: [new TextRun({ text, bold: opts.bold ?? false, size: opts.size ?? 24, font: 'SimSun' })],
  });

/** A document a leader can sign and print: title, summary, the figures with comparisons, hot issues, notable orders. */
export async function reportDocx(c: ReportContent): Promise<Buffer> {
  const doc = new Document({
    creator: '12351 工单平台',
    title: c.title,
    sections: [
      {
        children: [
          new Paragraph({
            heading: HeadingLevel.TITLE,
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: c.title, bold: true, size: 36, font: 'SimHei' })],
          }),
          para(`${c.unitName}　　统计期间：${c.from} 至 ${c.to}`, { align: AlignmentType.CENTER, size: 21 }),
          para('一、总体情况', { bold: true }),
          para(c.summary),
          para('二、主要指标', { bold: true }),
          table(
            ['指标', '本期', '上期', '环比', '同期', '同比'],
            comparisonRows(c).map((r) => [
              r.label,
              show(r.now, r.isRate),
              show(r.prev, r.isRate),
              change(r.now, r.prev),
              show(r.ly, r.isRate),
              change(r.now, r.ly),
            ]),
          ),
          para('三、热点诉求', { bold: true }),
          table(
            ['诉求事项', '件数'],
            c.subjects.map((s) => [s.name, String(s.count)]),
          ),
          para('四、重点工单', { bold: true }),
          c.notable.length
            ? table(
                ['工单编号', '标题', '说明'],
                c.notable.map((n) => [n.number, n.title, n.note]),
              )
            : para('本期无紧急或大额工单。'),
          ...(c.campaigns.length
            ? [
                para('五、专项行动', { bold: true }),
                table(
                  ['专项行动', '工单数', '追回金额（元）'],
                  c.campaigns.map((k) => [k.name, String(k.orders), yuan(k.amountRecoveredYuan)]),
                ),
              ]
            : []),
          para(''),
          para('审核：__________　　　签发：__________　　　日期：____年__月__日', { align: AlignmentType.RIGHT }),
          para(`生成时间：${formatLocal(new Date(c.generatedAt))}${c.figures.calls === null ? '（话务数据暂无，来电量与接通率未列入）' : ''}`, { size: 18 }),
        ],
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}
