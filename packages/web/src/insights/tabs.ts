import type { Role } from '../api/types.js';

/**
 * The insight pages (智能分析) and who reads each, as the server's `requireRole` allows: surges and the forecast for
 * the supervisors, leaders, dispatchers, inspectors and administrators; the suggestions' acceptance (the reader's
 * accuracy in real use) for the supervisors, inspectors, leaders and administrators.
 */
export const insightTabs: { path: string; label: string; roles: readonly Role[] }[] = [
  { path: '/insights/surges', label: '突增预警', roles: ['supervisor', 'leader', 'dispatcher', 'inspector', 'administrator'] },
  { path: '/insights/forecast', label: '趋势预测', roles: ['supervisor', 'leader', 'dispatcher', 'inspector', 'administrator'] },
  { path: '/insights/acceptance', label: '建议采纳', roles: ['supervisor', 'inspector', 'leader', 'administrator'] },
];

export const insightRoles: readonly Role[] = [...new Set(insightTabs.flatMap((t) => t.roles))];
export const insightTabsFor = (role: Role) => insightTabs.filter((t) => t.roles.includes(role));
