/** The roles a person holds at a unit (roles.md). Names in code are English; the interface shows the Chinese. */
export const roles = [
  'agent',
  'lawyer',
  'dispatcher',
  'supervisor',
  'handler',
  'mediator',
  'inspector',
  'leader',
  'administrator',
  'security',
  'auditor',
  'integration',
  'editor',
] as const;
export type Role = (typeof roles)[number];

export const roleNames: Record<Role, { zh: string; en: string }> = {
  agent: { zh: '接线员', en: 'Agent' },
  lawyer: { zh: '律师座席', en: 'Lawyer seat' },
  dispatcher: { zh: '派单员', en: 'Dispatcher' },
  supervisor: { zh: '督办员', en: 'Supervisor' },
  handler: { zh: '办理员', en: 'Handler' },
  mediator: { zh: '调解员', en: 'Mediator' },
  inspector: { zh: '质检员', en: 'Quality inspector' },
  leader: { zh: '领导', en: 'Leader' },
  administrator: { zh: '系统管理员', en: 'System administrator' },
  security: { zh: '安全管理员', en: 'Security administrator' },
  auditor: { zh: '审计员', en: 'Auditor' },
  integration: { zh: '接口账号', en: 'Integration account' },
  editor: { zh: '知识库编辑', en: 'Knowledge-base editor' },
};
