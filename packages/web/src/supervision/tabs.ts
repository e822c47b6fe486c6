import type { Role } from '../api/types.js';

/**
 * The supervision area's pages (督办) and who works with each, as the server's `requireRole` allows: the board and the
 * analysis for supervisors, leaders and dispatchers; follow-ups and 通报 reach the units' handlers too; the phone
 * queue is the hotline's agents' work; outbound deliveries are watched by administrators and supervisors.
 */
export const supervisionTabs: { path: string; label: string; roles: readonly Role[] }[] = [
  { path: '/supervision', label: '督办看板', roles: ['supervisor', 'leader', 'dispatcher'] },
  // The lawyers' studio is told of follow-ups it owns (server review-owners.ts followUpRoles) and marks them done here.
  { path: '/supervision/reviews', label: '周例会', roles: ['supervisor', 'leader', 'dispatcher', 'handler', 'lawyer', 'mediator'] },
  { path: '/supervision/analysis', label: '月度研判', roles: ['supervisor', 'leader', 'dispatcher'] },
  { path: '/supervision/circulars', label: '通报', roles: ['supervisor', 'leader', 'dispatcher', 'handler'] },
  { path: '/supervision/phone-tasks', label: '电话督办', roles: ['agent', 'supervisor', 'dispatcher'] },
  { path: '/supervision/outbound', label: '外发通知', roles: ['administrator', 'supervisor'] },
  { path: '/supervision/emergency-members', label: '应急机制成员', roles: ['administrator', 'leader', 'supervisor', 'dispatcher'] },
];

/** Everyone who sees at least one of the pages: the menu item's roles. */
export const supervisionRoles: readonly Role[] = [...new Set(supervisionTabs.flatMap((t) => t.roles))];

export const tabsFor = (role: Role) => supervisionTabs.filter((t) => t.roles.includes(role));

/** The tab a path belongs to (the longest matching path). */
export const tabOf = (pathname: string) =>
  [...supervisionTabs].sort((a, b) => b.path.length - a.path.length).find((t) => pathname === t.path || pathname.startsWith(`${t.path}/`));
