import { holdYoungGeneration } from './platform/young-generation.js';

/**
 * The entry point. It holds V8's young generation before the server's modules are even loaded, then loads them
 * (server.ts). Not a static import: ESM loads and compiles the whole import graph before it runs any of it, and that
 * alone doubled the young generation to its full 2 × 16 MB, where it stayed (platform/young-generation.ts).
 */
holdYoungGeneration();
await import('./server.js');
