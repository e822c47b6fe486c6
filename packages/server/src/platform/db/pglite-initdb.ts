import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * Creates a new PGlite cluster (initdb) in a short-lived child process, so that the server then opens an existing
 * data directory. initdb runs a WebAssembly build of its own, and in-process its module, memory and the copies it
 * makes stay with the server: a fresh embedded install was ~310 MB more resident than the same directory reopened
 * (PGlite alone: 506 MB after a full collection against 186 MB; docs/decisions/0012, "Memory, 2 December 2026"),
 * and WebAssembly memory is never given back. A child's memory goes with it. Nothing to do if the cluster exists.
 */
export async function createPgliteCluster(dir: string): Promise<void> {
  if (pgliteClusterExists(dir)) return;
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const script =
    'const { PGlite } = require(process.argv[1]);' +
    '(async () => { const db = new PGlite(process.argv[2]); await db.waitReady; await db.close(); })()' +
    '.catch((e) => { console.error(e); process.exit(1); });';
  await promisify(execFile)(process.execPath, ['-e', script, entry, dir], { maxBuffer: 16 * 1024 * 1024 });
}

/** Whether a PGlite cluster has been created in `dir` (initdb writes PG_VERSION). */
export const pgliteClusterExists = (dir: string) => fs.existsSync(path.join(dir, 'PG_VERSION'));
