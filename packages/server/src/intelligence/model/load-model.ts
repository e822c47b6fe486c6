import { createRequire } from 'node:module';
import type { ReaderModel } from '../domain/read-request.js';

/** The trained model shipped in the repository (written by `npm run intelligence:train`). */
export function shippedModel(): ReaderModel {
  return createRequire(import.meta.url)('./reader-model.json') as ReaderModel;
}
