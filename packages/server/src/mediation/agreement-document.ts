import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { Instalment } from './domain/performance.js';
import type { Party } from './mediation.tables.js';

export type AgreementDoc = {
  caseNumber: string;
  unitName: string;
  workerParty: Party;
  employerParty: Party;
  mediators: string[];
  matter: string;
  terms: string;
  amount: number;
  workersCovered: number;
  schedule: Instalment[];
  signedAt: string; // YYYY-MM-DD
};

const font = { ascii: 'FangSong', eastAsia: '仿宋', hAnsi: 'FangSong' };
const p = (text: string, opts: { bold?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType]; size?: number; indent?: boolean } = {}) =>
  new Paragraph({
    alignment: opts.align,
    spacing: { line: 460 },
    indent: opts.indent ? { firstLine: 640 } : undefined,
    children: [new TextRun({ text, bold: opts.bold, size: opts.size ?? 32, font })],
  });

const partyLines = (label: string, party: Party) =>
  [
    `${label}：${party.name}`,
    party.representative ? `法定代表人（负责人）/代理人：${party.representative}` : null,
    party.address ? `住所：${party.address}` : null,
    party.phone ? `联系电话：${party.phone}` : null,
  ].filter((l): l is string => l !== null);

const yuan = (n: number) => n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** The mediation agreement (调解协议书) in the usual form: parties, matter, agreed terms, payment, performance, signatures. */
export async function agreementDocx(a: AgreementDoc): Promise<Buffer> {
  const cell = (text: string) => new TableCell({ children: [p(text, { size: 28 })], width: { size: 33, type: WidthType.PERCENTAGE } });
  const schedule = a.schedule.length
    ? [
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            new TableRow({ children: [cell('期次'), cell('支付期限'), cell('金额（元）')] }),
            ...a.schedule.map((s, i) => new TableRow({ children: [cell(`第${i + 1}期`), cell(s.dueDate), cell(yuan(s.amount))] })),
          ],
        }),
      ]
    : [];
  const doc = new Document({
    creator: a.unitName,
    title: '调解协议书',
    sections: [
      {
        children: [
          p('调解协议书', { bold: true, align: AlignmentType.CENTER, size: 44 }),
          p(`编号：${a.caseNumber}`, { align: AlignmentType.RIGHT, size: 28 }),
          ...partyLines('申请人（职工方）', a.workerParty).map((l) => p(l)),
          ...partyLines('被申请人（用人单位）', a.employerParty).map((l) => p(l)),
          p(`调解组织：${a.unitName}`),
          p(`调解员：${a.mediators.join('、')}`),
          p('一、纠纷事项', { bold: true }),
          p(a.matter, { indent: true }),
          p('二、经调解，双方自愿达成如下协议', { bold: true }),
          ...a.terms
            .split(/\n+/)
            .filter(Boolean)
            .map((t) => p(t, { indent: true })),
          p(`被申请人共向申请人方支付人民币${yuan(a.amount)}元，涉及职工${a.workersCovered}人，按下列期限支付：`, { indent: true }),
          ...schedule,
          p('三、履行', { bold: true }),
          p('双方应当按照本协议约定履行。被申请人未按期足额支付的，申请人可以依法向劳动人事争议仲裁委员会申请仲裁，或者依法申请司法确认。', { indent: true }),
          p('本协议自双方签字（盖章）之日起生效。本协议一式三份，双方各执一份，调解组织留存一份。', { indent: true }),
          p(''),
          p('申请人（签字）：                    被申请人（盖章）：'),
          p('调解员（签字）：                    调解组织（盖章）：'),
          p(`${a.signedAt.slice(0, 4)}年${Number(a.signedAt.slice(5, 7))}月${Number(a.signedAt.slice(8, 10))}日`, { align: AlignmentType.RIGHT }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
