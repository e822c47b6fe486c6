/**
 * The risk-employer register (风险用人单位): an employer enters it when orders name it often, for large amounts, or
 * for many workers — the pattern Zoucheng and Chongqing watch for (arrears in construction and small firms).
 * Thresholds come from the catalog's risk thresholds so one setting governs both the order's flags and the register.
 */
export type EmployerOrderFact = {
  orderId: string;
  createdAt: Date;
  amountInvolved: number | null;
  workersInvolved: number | null;
  riskFlags: string[];
  invalid: boolean;
};

export type RiskThresholds = { repeatOrders: number; windowDays: number; largeAmount: number; massWorkers: number };
export const defaultRiskThresholds: RiskThresholds = { repeatOrders: 3, windowDays: 90, largeAmount: 500_000, massWorkers: 10 };

export type RiskLevel = 'high' | 'medium' | 'low';
export type RiskReason = { code: 'repeat' | 'large' | 'mass' | 'danger' | 'hidden'; text: string };
export type RiskAssessment = {
  inRegister: boolean;
  level: RiskLevel | null;
  reasons: RiskReason[];
  ordersInWindow: number;
  amountTotal: number;
  workersMax: number;
};

const day = 86_400_000;

export function assessEmployer(orders: EmployerOrderFact[], now: Date, t: RiskThresholds = defaultRiskThresholds): RiskAssessment {
  const recent = orders.filter((o) => !o.invalid && o.createdAt.getTime() > now.getTime() - t.windowDays * day && o.createdAt <= now);
  const amountTotal = recent.reduce((s, o) => s + (o.amountInvolved ?? 0), 0);
  const workersMax = recent.reduce((m, o) => Math.max(m, o.workersInvolved ?? 0), 0);
  const reasons: RiskReason[] = [];
  if (recent.length >= t.repeatOrders) reasons.push({ code: 'repeat', text: `近${t.windowDays}天被诉求${recent.length}次` });
  if (recent.some((o) => (o.amountInvolved ?? 0) >= t.largeAmount)) reasons.push({ code: 'large', text: `涉及金额大（单笔≥${t.largeAmount / 10_000}万元）` });
  if (workersMax >= t.massWorkers) reasons.push({ code: 'mass', text: `涉及职工多（${workersMax}人）` });
  if (recent.some((o) => o.riskFlags.includes('danger'))) reasons.push({ code: 'danger', text: '有涉危诉求' });
  if (recent.some((o) => o.riskFlags.includes('hidden'))) reasons.push({ code: 'hidden', text: '有隐患（舆情、越级上访等）' });
  // Any reason but danger/hidden alone puts the employer on the register; danger/hidden raise the level.
  const entering = reasons.some((r) => r.code === 'repeat' || r.code === 'large' || r.code === 'mass');
  const level: RiskLevel | null = !entering
    ? null
    : reasons.length >= 3 || reasons.some((r) => r.code === 'danger')
      ? 'high'
      : reasons.length === 2
        ? 'medium'
        : 'low';
  return { inRegister: entering, level, reasons, ordersInWindow: recent.length, amountTotal, workersMax };
}
