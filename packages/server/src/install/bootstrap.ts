import { count, eq } from 'drizzle-orm';
import { hashPassword, randomPassword } from '../auth/password.js';
import { seedCalendarFromPackage } from '../calendar/calendar.seed.js';
import { seedCatalog } from '../catalog/catalog.seed.js';
import type { Config } from '../platform/config/config.js';
import type { Clock } from '../platform/clock.js';
import { schemaVersion, type Db } from '../platform/db/client.js';
import { buildProvinceTree } from '../units/divisions/province-tree.js';
import { units } from '../units/units.tables.js';
import { roleAssignments, users } from '../users/users.tables.js';
import { seedDemoOrders } from '../demo/demo.seed.js';
import { conflictingDuties } from '../auth/duties.js';
import { demoPassword, installDemo, demoTownCounties } from './demo.js';
import { seedDemoLegalWork } from './demo-legal.js';
import { seedDemoExchange } from './demo-exchange.js';
import { createSecretBox } from '../platform/secrets/secret-box.js';
import { seedDemoCalls } from './demo-calls.js';
import { seedDemoCampaign, seedDemoReports } from './demo-analytics.js';
import { seedDemoSupervision } from './demo-supervision.js';
import { seedDemoIntelligence } from './demo-intelligence.js';
import { seedDemoSelfService } from './demo-selfservice.js';
import { seedDemoLawyerSeats } from './demo-lawyers.js';
import { seedDemoKnowledgeReview } from './demo-knowledge.js';
import { seedKnowledge } from '../knowledge/knowledge.seed.js';
import { indexMissingOrders } from '../search/order-index.js';
import { requestIndexCatchUp } from '../search/index-catch-up.js';
import { saveSupervisionSettings } from '../supervision/instructions.repo.js';

export type BootstrapResult = {
  fresh: boolean;
  admin: { username: string; password: string | null } | null;
  /** 三员分立: the security administrator who creates the accounts (none when merged into admin by setting). */
  securityAdmin: { username: string; password: string | null } | null;
  demo: boolean;
  units: number;
};

/**
 * Runs at every start. Reference data (calendar days, catalog entries) is completed without touching what an
 * administrator changed; an empty database gets the province's union tree, the admin account and, when asked, the demo.
 */
export async function bootstrap(db: Db, config: Config, clock: Clock): Promise<BootstrapResult> {
  const now = clock.now();
  await seedCalendarFromPackage(db, now);
  await seedCatalog(db, now);
  // The starter knowledge base and the callers' synonyms, on every installation (demo or not); editors' changes stay.
  await seedKnowledge(db, now);
  // Per installation, from the configuration at every start: Shaanxi's instruction rule, the weekly review's day.
  await saveSupervisionSettings(db, { instructionRule: config.instructionRule, reviewWeekday: config.reviewWeekday }, now);
  const [{ n: unitCount } = { n: 0 }] = await db.select({ n: count() }).from(units);
  if (unitCount > 0) {
    await requestIndexCatchUp(db, schemaVersion(), now);
    return { fresh: false, admin: null, securityAdmin: null, demo: false, units: unitCount };
  }

  const province = config.province;
  const { rootId } = await buildProvinceTree(db, province, { now, townsUnder: config.demo ? demoTownCounties(province) : [] });
  const password = config.adminPassword ?? randomPassword();
  // Accounts are the security administrator's (auth/duties.ts): a second person from the start, unless the installation
  // merges system and security administration, in which case admin holds both roles.
  const mergeSecurity = !conflictingDuties(['administrator', 'security'], config.mergedDuties);
  const securityPassword = mergeSecurity ? null : config.demo ? demoPassword : randomPassword();
  await db.transaction(async (tx) => {
    const [admin] = await tx
      .insert(users)
      .values({
        username: 'admin',
        displayName: '系统管理员',
        unitId: rootId,
        passwordHash: await hashPassword(password),
        // A printed random password is a one-time secret: the first login must replace it.
        mustChangePassword: !config.adminPassword,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await tx.insert(roleAssignments).values({ userId: admin!.id, role: 'administrator', unitId: rootId, createdAt: now });
    if (mergeSecurity) {
      await tx.insert(roleAssignments).values({ userId: admin!.id, role: 'security', unitId: rootId, createdAt: now });
    } else if (securityPassword) {
      const [secadmin] = await tx
        .insert(users)
        .values({
          username: 'secadmin',
          displayName: '安全管理员',
          unitId: rootId,
          passwordHash: await hashPassword(securityPassword),
          mustChangePassword: !config.demo,
          passwordChangedAt: now,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      await tx.insert(roleAssignments).values({ userId: secadmin!.id, role: 'security', unitId: rootId, createdAt: now });
    }
  });
  if (config.demo) {
    await installDemo(db, province, now);
    await seedDemoOrders(db, province, now, config.demoOrders);
    if (config.demoOrders > 0) await seedDemoLegalWork(db, config, clock);
    if (config.demoOrders > 0) await seedDemoExchange(db, now, createSecretBox(config.secretKeys));
    if (config.demoOrders > 0) await seedDemoSupervision(db, clock);
    if (config.demoOrders > 0) await seedDemoSelfService(db, config, clock);
    if (config.demoOrders > 0) await seedDemoLawyerSeats(db, clock, config.province);
    if (config.demoOrders > 0) await seedDemoIntelligence(db, config, clock);
    if (config.demoOrders > 0) await seedDemoCampaign(db, clock);
    // A revision waiting in the second editor's 待我审核; like the other pages' work, only in a demo with its orders
    // (HOTLINE_DEMO_ORDERS=0 is the bare installation tests and benchmarks start from).
    if (config.demoOrders > 0) await seedDemoKnowledgeReview(db, clock);
    // After every step that saves orders: each phone order a demo agent saved has its call (the intelligence demo's
    // were saved after the calls and had none).
    if (config.demoOrders > 0) await seedDemoCalls(db, clock);
    // The reports the scheduler would have made by now, over the orders and calls above (the list is not empty at first).
    if (config.demoOrders > 0) await seedDemoReports(db, clock, config.province);
    await indexMissingOrders(db);
  }
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(units);
  return {
    fresh: true,
    admin: { username: 'admin', password: config.adminPassword ? null : password },
    securityAdmin: securityPassword ? { username: 'secadmin', password: config.demo ? null : securityPassword } : null,
    demo: config.demo,
    units: n,
  };
}

export async function isInstalled(db: Db): Promise<boolean> {
  const [row] = await db.select({ id: units.id }).from(units).where(eq(units.type, 'province_federation')).limit(1);
  return !!row;
}
