import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../src/platform/db/client.js';

export type PlanNode = Record<string, unknown>;

/**
 * Every node of a statement's plan as it ran (EXPLAIN ANALYZE), its `$1` given as a literal. A test table of a few
 * dozen rows is read whole by any plan, so the planner is asked to plan as for a large one (no sequential or bitmap
 * scans, in this transaction only).
 */
export async function planNodes(db: Db, statement: string, param: string): Promise<PlanNode[]> {
  const plan = await db.transaction(async (tx) => {
    await tx.execute(sql`set local enable_seqscan = off`);
    await tx.execute(sql`set local enable_bitmapscan = off`);
    const literal = `'${param.replaceAll("'", "''")}'`;
    return rowsOf<PlanNode>(await tx.execute(sql.raw(`explain (analyze, costs off, format json) ${statement.replace('$1', literal)}`)));
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
