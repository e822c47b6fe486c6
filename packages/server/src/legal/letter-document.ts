import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import type { Citation } from './domain/legal-basis.js';
import { letterKindNames, type LetterKind } from './domain/letter-number.js';

export type LetterDoc = {
  kind: LetterKind;
  number: string | null;
  issuingUnitName: string;
  employerName: string;
  facts: string;
  legalBasis: Citation[];
  demands: string;
  replyBy: string; // YYYY-MM-DD
  date: string | null; // approval date, YYYY-MM-DD
};

const font = { ascii: 'FangSong', eastAsia: '仿宋', hAnsi: 'FangSong' };
const title = { ascii: 'SimSun', eastAsia: '方正小标宋简体', hAnsi: 'SimSun' };
const cn = (d: string) => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
const p = (
  text: string,
  o: { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; indent?: boolean; size?: number; heading?: boolean; color?: string } = {},
) =>
  new Paragraph({
    alignment: o.align,
    spacing: { line: 560 },
    indent: o.indent ? { firstLine: 640 } : undefined,
    children: [new TextRun({ text, size: o.size ?? 32, font: o.heading ? title : font, bold: o.heading, color: o.color })],
  });

/**
 * The letter in the form unions issue it: the union's name as the head, the title, the number, the employer as
 * addressee, the facts, the legal basis with article numbers, what is asked and by when, the union's name and date.
 * A draft says so across its head, so a printed draft can never pass for an issued letter.
 */
export async function letterDocx(l: LetterDoc): Promise<Buffer> {
  const k = letterKindNames[l.kind];
  const children = [
    ...(l.number ? [] : [p('（草稿，未经审批，不得发出）', { align: AlignmentType.CENTER, color: 'C00000', size: 28 })]),
    p(l.issuingUnitName, { align: AlignmentType.CENTER, heading: true, size: 40, color: 'C00000' }),
    p(k.title, { align: AlignmentType.CENTER, heading: true, size: 44 }),
    p(l.number ?? '（编号待审批后生成）', { align: AlignmentType.CENTER }),
    p(`${l.employerName}：`),
    p(l.facts, { indent: true }),
    p(`根据${l.legalBasis.map((c) => `《${c.law.replace(/（.*）$/, '')}》${c.article}`).join('、')}的规定：`, { indent: true }),
    ...l.legalBasis.map((c) => p(`《${c.law}》${c.article}：${c.summary}`, { indent: true, size: 28 })),
    p(
      l.kind === 'notice'
        ? `现提示你单位：${l.demands}请于${cn(l.replyBy)}前将整改情况书面反馈我会。`
        : `我会认为你单位上述行为违反了劳动法律法规的规定，现提出如下意见：${l.demands}请于${cn(l.replyBy)}前将处理结果书面回复我会。逾期不改正的，我会将提请劳动行政部门依法处理。`,
      { indent: true },
    ),
    p(''),
    p(l.issuingUnitName, { align: AlignmentType.RIGHT }),
    p(l.date ? cn(l.date) : '    年  月  日', { align: AlignmentType.RIGHT }),
  ];
  const doc = new Document({ creator: l.issuingUnitName, title: k.title, sections: [{ children }] });
  return Packer.toBuffer(doc);
}
