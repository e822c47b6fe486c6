import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../../src/platform/db/client.js';

export type PlanNode = Record<string, unknown>;

/**
 * Every node of a statement's plan as it ran (EXPLAIN ANALYZE), its `$1` given as a literal. A test table of a few
 * dozen rows is read whole by any plan, so the planner is asked to plan as for a large one (no sequential or bitmap
 * scans, in this transaction only).
 */
export async function planNodes(db: Db, statement: string, param: string): Promise<PlanNode[]> {
  const literal = `'${param.replaceAll("'", "''")}'`;
  return explained(db, sql.raw(`explain (analyze, costs off, format json) ${statement.replace('$1', literal)}`));
}

/** The same for a statement built with drizzle, its values bound as parameters as the application sends them. */
export async function planNodesOf(db: Db, statement: SQL): Promise<PlanNode[]> {
  return explained(db, sql`explain (analyze, costs off, format json) ${statement}`);
}

async function explained(db: Db, explain: SQL): Promise<PlanNode[]> {
  const plan = await db.transaction(async (tx) => {
    await tx.execute(sql`set local enable_seqscan = off`);
    await tx.execute(sql`set local enable_bitmapscan = off`);
    return rowsOf<PlanNode>(await tx.execute(explain));
  });
  const nodes: PlanNode[] = [];
  const walk = (n: PlanNode) => {
    nodes.push(n);
    for (const c of (n.Plans as PlanNode[] | undefined) ?? []) walk(c);
  };
  const root = Object.values(plan[0]!)[0];
  walk((typeof root === 'string' ? JSON.parse(root) : root)[0].Plan);
  return nodes;
}
