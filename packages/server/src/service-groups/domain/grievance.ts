/**
 * Whether a group message looks like a grievance worth a draft request: the intelligence module's reading of it.
 * A request for help or a complaint read with some confidence, or any risk word (危众多大隐), on a message long
 * enough to say something; greetings, thanks, consultations and suggestions are left in the group.
 */
export type MessageReading = { typeCode: string; typeConfidence: number; subjectCode: string; riskFlags: readonly string[]; urgent: boolean };

export const grievanceRules = { minLength: 8, minConfidence: 0.45 } as const;

/**
 * The classifier always picks some type, even for "大家好" in a chat: in a group, a message must also name a matter
 * of work (wages, insurance, dismissal, injury…) before it is taken as a grievance.
 */
const workMatters =
  /工资|欠薪|拖欠|克扣|社保|保险|公积金|辞退|开除|解雇|裁员|合同|加班|工伤|受伤|赔偿|补偿|维权|投诉|欺负|罚款|押金|休假|年假|工时|劳动|讨薪|不发|没发|不给/;

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
