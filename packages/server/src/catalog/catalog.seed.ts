import type { Executor } from '../platform/db/client.js';

/** Placeholder until the catalog capability lands in this same session. */
export async function seedCatalog(_db: Executor, _now: Date): Promise<void> {}
