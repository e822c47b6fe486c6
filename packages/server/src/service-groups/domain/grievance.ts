/**
 * Whether a group message looks like a grievance worth a draft request: the intelligence module's reading of it.
 * A request for help or a complaint read with some confidence, or any risk word (危众多大隐), on a message long
 * enough to say something; greetings, thanks, consultations and suggestions are left in the group.
 */
export type MessageReading = { typeCode: string; typeConfidence: number; subjectCode: string; riskFlags: readonly string[]; urgent: boolean };

export const grievanceRules = { minLength: 8, minConfidence: 0.45 } as const;

/**
 * The classifier always picks some type, even for "大家好" in a chat: in a group, a message must also name a matter
 * of work (wages, insurance, dismissal, injury…) before it is taken as a grievance. Each word with its English, for
 * the reason said to a reader of the English interface (whyInEnglish); the first word found is the one named.
 */
const workMatterEnglish: Record<string, string> = {
  工资: 'wages',
  欠薪: 'unpaid wages',
  拖欠: 'arrears',
  克扣: 'deductions from pay',
  社保: 'social insurance',
  保险: 'insurance',
  公积金: 'the housing fund',
  辞退: 'dismissal',
  开除: 'dismissal',
  解雇: 'dismissal',
  裁员: 'layoffs',
  合同: 'the contract',
  加班: 'overtime',
  工伤: 'a work injury',
  受伤: 'an injury',
  赔偿: 'compensation',
  补偿: 'compensation',
  维权: 'defending rights',
  投诉: 'a complaint',
  欺负: 'bullying',
  罚款: 'fines',
  押金: 'a deposit',
  休假: 'leave',
  年假: 'annual leave',
  工时: 'working hours',
  劳动: 'labour',
  讨薪: 'claiming wages',
  不发: 'pay withheld',
  没发: 'pay withheld',
  不给: 'pay withheld',
};
const workMatters = new RegExp(Object.keys(workMatterEnglish).join('|'));

export function likelyGrievance(text: string, r: MessageReading): { likely: boolean; why: string[] } {
  const why: string[] = [];
  if (text.trim().length < grievanceRules.minLength) return { likely: false, why: ['消息过短'] };
  const matter = workMatters.exec(text);
  if (!matter && !r.riskFlags.length) return { likely: false, why: ['未涉及劳动权益事项'] };
  if (matter) why.push(`涉及“${matter[0]}”`);
  const asks = (r.typeCode === 'help' || r.typeCode === 'complaint') && r.typeConfidence >= grievanceRules.minConfidence;
  if (asks) why.push(r.typeCode === 'help' ? '求助' : '投诉');
  if (r.riskFlags.length) why.push(`风险：${r.riskFlags.join('、')}`);
  if (r.urgent) why.push('紧急');
  return { likely: asks || r.riskFlags.length > 0 || r.urgent, why };
}

/** The reasons that have no part of the message in them, in English. */
const fixedWhyEnglish: Record<string, string> = {
  消息过短: 'Message too short',
  未涉及劳动权益事项: 'No matter of work rights',
  求助: 'Asks for help',
  投诉: 'Complaint',
  紧急: 'Urgent',
};

/**
 * A reason likelyGrievance gave, in English: a draft keeps the Chinese it was read with (stored), and the drafts'
 * page says it in its reader's language. A reason it does not know is said as it is.
 */
export function whyInEnglish(why: string): string {
  const fixed = fixedWhyEnglish[why];
  if (fixed) return fixed;
  const matter = /^涉及“(.+)”$/.exec(why)?.[1];
  if (matter) return `Mentions ${workMatterEnglish[matter] ?? matter}`;
  const risks = /^风险：(.+)$/.exec(why)?.[1];
  if (risks) return `Risk: ${risks.split('、').join(', ')}`;
  return why;
}
