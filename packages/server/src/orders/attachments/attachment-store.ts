import fs from 'node:fs/promises';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { attachmentBlobs } from '../orders.tables.js';

/** Where attachment bytes live: never in the orders table. */
export type AttachmentStore = {
  put(key: string, bytes: Buffer): Promise<void>;
  get(key: string): Promise<Buffer | null>;
  /** Undoes a put whose order row was refused; removing a key that is not there is not an error. */
  remove(key: string): Promise<void>;
};

/** The embedded default: files under DATA_DIR/attachments, sharded by the key's first characters. */
export function createFileStore(dir: string): AttachmentStore {
  const fileOf = (key: string) => path.join(dir, key.slice(0, 2), key);
  return {
    async put(key, bytes) {
      await fs.mkdir(path.dirname(fileOf(key)), { recursive: true });
      // Write then rename: a crash never leaves half a file under the final name.
      const tmp = `${fileOf(key)}.${process.pid}.tmp`;
      await fs.writeFile(tmp, bytes);
      await fs.rename(tmp, fileOf(key));
    },
    async get(key) {
      try {
        return await fs.readFile(fileOf(key));
      } catch {
        return null;
      }
    },
    async remove(key) {
      await fs.rm(fileOf(key), { force: true });
    },
  };
}

/** On a PostgreSQL server: a table of its own, shared by every server instance. */
export function createDbStore(db: Db): AttachmentStore {
  return {
    async put(key, bytes) {
      await db.insert(attachmentBlobs).values({ storageKey: key, bytes }).onConflictDoNothing();
    },
    async get(key) {
      const [row] = await db.select().from(attachmentBlobs).where(eq(attachmentBlobs.storageKey, key));
      return row?.bytes ?? null;
    },
    async remove(key) {
      await db.delete(attachmentBlobs).where(eq(attachmentBlobs.storageKey, key));
    },
  };
}
