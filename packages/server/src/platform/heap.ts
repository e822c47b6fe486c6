import v8 from 'node:v8';

/**
 * Bounds how far V8 lets the heap grow past the data its last full collection kept. Under intake the server's live
 * heap is ~60 MB, but by default V8 grows the heap up to 4× past it before the next full collection: RSS reached
 * 370–490 MB under the bench's load, all of it garbage (issue 18; docs/decisions/0012). With 20 % it stays near the
 * live data plus a fifth, for more frequent (incremental, mostly concurrent) collections. Unlike a heap limit
 * (`--max-old-space-size`) nothing fails when a large export needs more: the heap still grows with what is live.
 *
 * The flag is read at each full collection, so setting it once the process runs takes effect. An operator's own
 * `--heap-growing-percent` (node flag or NODE_OPTIONS) wins; 0 leaves V8's default.
 */
export function boundHeapGrowth(percent: number, given: readonly string[] = [...process.execArgv, process.env.NODE_OPTIONS ?? '']): boolean {
  if (percent <= 0 || given.some((a) => a.includes('heap-growing-percent'))) return false;
  v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
  return true;
}
