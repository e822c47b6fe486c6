import type { Lang, T } from '../i18n/i18n.js';

/**
 * Why an employer is on the risk register, in the interface language. The server stores each reason with its text
 * (legal/domain/risk-assessment.ts, "近90天被诉求3次"); the figures are read back from that text by its reason code.
 * A text that does not read as the server writes it is shown as it is.
 */
export function riskReasonText(r: { code: string; text: string }, t: T, lang: Lang): string {
  const n = (re: RegExp) => re.exec(r.text);
  switch (r.code) {
    case 'repeat': {
      const m = n(/^近(\d+)天被诉求(\d+)次$/);
      return m ? t('近{days}天被诉求{n}次', { days: m[1]!, n: m[2]! }) : r.text;
    }
    case 'large': {
      const m = n(/^涉及金额大（单笔≥(\d+(?:\.\d+)?)万元）$/);
      // 万 (ten thousand) is no English unit: the amount in yuan there.
      return m ? t('涉及金额大（单笔≥{wan}万元）', { wan: lang === 'en' ? (Number(m[1]) * 10_000).toLocaleString('en') : m[1]! }) : r.text;
    }
    case 'mass': {
      const m = n(/^涉及职工多（(\d+)人）$/);
      return m ? t('涉及职工多（{n}人）', { n: m[1]! }) : r.text;
    }
    case 'danger':
      return r.text === '有涉危诉求' ? t('有涉危诉求') : r.text;
    case 'hidden':
      return r.text === '有隐患（舆情、越级上访等）' ? t('有隐患（舆情、越级上访等）') : r.text;
    default:
      return r.text;
  }
}
