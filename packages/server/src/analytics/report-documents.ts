import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import ExcelJS from 'exceljs';
import { formatLocal } from '../catalog/domain/time-limit-rules.js';
import type { KpiFigures } from './domain/kpis.js';
import { changePercent } from './domain/kpis.js';
import { type FigureForm, figureText, noNotableOrders, publishedRows, yuan } from './domain/report-text.js';

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

/** The comparison rows: this period, previous, change, same period last year, change; each with its figure's form. */
export function comparisonRows(c: ReportContent) {
  const row = (k: keyof KpiFigures, label: string, form: FigureForm) => ({
    label,
    now: c.figures[k] as number | null,
    prev: c.previous[k] as number | null,
    ly: c.lastYear[k] as number | null,
    form,
  });
  return [
    row('requests', '受理量（人次）', 'count'),
    row('ordersCreated', '工单量', 'count'),
    row('ordersDispatched', '派单量', 'count'),
    row('dueInPeriod', '应办结', 'count'),
    row('completedOnTime', '按时办结', 'count'),
    row('completionRate', '办结率', 'rate'),
    row('onTimeRate', '按时办结率', 'rate'),
    row('timelySignRate', '及时签收率', 'rate'),
    row('returnRate', '回退率', 'rate'),
    row('extensionRate', '延期率', 'rate'),
    row('callbackRate', '回访率', 'rate'),
    row('satisfactionRate', '满意率（办理）', 'rate'),
    row('callSatisfactionRate', '满意率（话务）', 'rate'),
    row('firstContactResolutionRate', '一次性解答率', 'rate'),
    row('averageHandlingWorkingDays', '平均办理时长（工作日）', 'days'),
    row('amountRecoveredYuan', '追回金额（元）', 'money'),
    row('workersHelped', '帮助职工（人）', 'count'),
    row('invalidOrders', '无效工单（不计入比率）', 'count'),
  ];
}
const change = (a: number | null, b: number | null) => {
  const c = changePercent(a, b);
  return c === null ? '—' : `${c > 0 ? '+' : ''}${c.toFixed(1)}%`;
};

/**
 * Excel's number formats of the figures' forms, the same on every sheet: a count grouped, a rate a fraction shown as a
 * percentage, yuan grouped with fen, working days with two decimals (kpis.ts rounds them so), a change signed.
 */
export const figureFormats: Record<FigureForm | 'change', string> = {
  count: '#,##0',
  rate: '0.0%',
  money: '#,##0.00',
  days: '0.00',
  change: '+0.0%;-0.0%;0.0%',
};

type Figure = { value: number | null; form: FigureForm | 'change'; none?: string };
/**
 * Appends a row of a label and figures. A figure is written as a number with its form's format (a spreadsheet sums,
 * sorts and charts it; text "131" or "94.7%" it cannot), and as the text `none` ('—') when there is none.
 */
function addFigureRow(ws: ExcelJS.Worksheet, label: string, figures: Figure[]) {
  const row = ws.addRow([label, ...figures.map((f) => f.value ?? f.none ?? '—')]);
  figures.forEach((f, i) => {
    if (f.value !== null) row.getCell(i + 2).numFmt = figureFormats[f.form];
  });
  return row;
}
/** A change in percent (changePercent: 25.0 for +25%) as the fraction the percentage format shows. */
const changeFigure = (a: number | null, b: number | null): Figure => {
  const c = changePercent(a, b);
  return { value: c === null ? null : c / 100, form: 'change' };
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
    addFigureRow(ws, r.label, [
      { value: r.now, form: r.form },
      { value: r.prev, form: r.form },
      changeFigure(r.now, r.prev),
      { value: r.ly, form: r.form },
      changeFigure(r.now, r.ly),
    ]);
  // Call figures come from the call records (null: no call data for this period or unit).
  for (const r of publishedRows(c.figures)) if (r.label === '来电量' || r.label === '接通率') addFigureRow(ws, r.label, [r]);
  ws.addRow([]);
  ws.addRow(['综述']).font = { bold: true };
  ws.addRow([c.summary]);

  const pub = wb.addWorksheet('通报口径');
  pub.columns = [{ width: 26 }, { width: 20 }];
  pub.addRow(['指标', '本期']).font = { bold: true };
  for (const r of publishedRows(c.figures)) addFigureRow(pub, r.label, [r]);

  const hot = wb.addWorksheet('热点');
  hot.columns = [{ width: 30 }, { width: 10 }];
  hot.addRow(['诉求事项', '件数']).font = { bold: true };
  for (const s of c.subjects) addFigureRow(hot, s.name, [{ value: s.count, form: 'count' }]);
  hot.addRow([]);
  hot.addRow(['被反映用人单位', '件数']).font = { bold: true };
  for (const e of c.employers) addFigureRow(hot, e.name, [{ value: e.count, form: 'count' }]);

  const notable = wb.addWorksheet('重点工单');
  notable.columns = [{ width: 28 }, { width: 40 }, { width: 40 }];
  notable.addRow(['工单编号', '标题', '说明']).font = { bold: true };
  for (const n of c.notable) notable.addRow([n.number, n.title, n.note]);
  if (c.campaigns.length) {
    notable.addRow([]);
    notable.addRow(['专项行动', '工单数', '追回金额（元）']).font = { bold: true };
    for (const k of c.campaigns)
      addFigureRow(notable, k.name, [
        { value: k.orders, form: 'count' },
        { value: k.amountRecoveredYuan, form: 'money' },
      ]);
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
              figureText(r.now, r.form),
              figureText(r.prev, r.form),
              change(r.now, r.prev),
              figureText(r.ly, r.form),
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
            : para(noNotableOrders),
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
