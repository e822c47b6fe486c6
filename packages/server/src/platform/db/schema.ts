// The one schema drizzle-kit reads; each capability owns its tables file.
export * from '../../units/units.tables.js';
export * from '../../users/users.tables.js';
export * from '../../auth/auth.tables.js';
export * from '../../audit/audit.tables.js';
export * from '../../catalog/catalog.tables.js';
export * from '../../calendar/calendar.tables.js';
export * from '../../orders/orders.tables.js';
export * from '../../analytics/analytics.tables.js';
export * from '../jobs/jobs.tables.js';
export * from '../../quality/quality.tables.js';
export * from '../../mediation/mediation.tables.js';
export * from '../../legal/legal.tables.js';
export * from '../../intelligence/intelligence.tables.js';
export * from '../../knowledge/knowledge.tables.js';
export * from '../../search/search.tables.js';
export * from '../../calls/calls.tables.js';
