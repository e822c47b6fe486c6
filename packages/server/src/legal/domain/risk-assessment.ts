/**
 * The risk-employer register (风险用人单位): an employer enters it when orders name it often, for large amounts, or
 * for many workers — the pattern Zoucheng and Chongqing watch for (arrears in construction and small firms).
 * Thresholds come from the catalog's risk thresholds so one setting governs both the order's flags and the register.
 */

/**
 * What the orders naming one employer in the window add up to. The window is (now − windowDays, now], invalid and
 * merged orders left out; the database sums it (orders/order-facts.ts employerWindows) so that an employer a
 * wage-arrears group names two hundred thousand times is one row, not two hundred thousand.
 */
export type EmployerWindow = {
  orders: number;
  amountTotal: number;
  amountMax: number;
  workersMax: number;
  danger: boolean;
  hidden: boolean;
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

export function assessEmployer(w: EmployerWindow, t: RiskThresholds = defaultRiskThresholds): RiskAssessment {
  const reasons: RiskReason[] = [];
  if (w.orders >= t.repeatOrders) reasons.push({ code: 'repeat', text: `近${t.windowDays}天被诉求${w.orders}次` });
  if (w.amountMax >= t.largeAmount) reasons.push({ code: 'large', text: `涉及金额大（单笔≥${t.largeAmount / 10_000}万元）` });
  if (w.workersMax >= t.massWorkers) reasons.push({ code: 'mass', text: `涉及职工多（${w.workersMax}人）` });
  if (w.danger) reasons.push({ code: 'danger', text: '有涉危诉求' });
  if (w.hidden) reasons.push({ code: 'hidden', text: '有隐患（舆情、越级上访等）' });
  // Any reason but danger/hidden alone puts the employer on the register; danger/hidden raise the level.
  const entering = reasons.some((r) => r.code === 'repeat' || r.code === 'large' || r.code === 'mass');
  const level: RiskLevel | null = !entering
    ? null
    : reasons.length >= 3 || reasons.some((r) => r.code === 'danger')
      ? 'high'
      : reasons.length === 2
        ? 'medium'
        : 'low';
  return { inRegister: entering, level, reasons, ordersInWindow: w.orders, amountTotal: w.amountTotal, workersMax: w.workersMax };
}
