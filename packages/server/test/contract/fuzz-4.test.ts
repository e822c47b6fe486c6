import { fuzzShard } from './fuzz.js';

// One shard of the contract fuzz (test/contract/fuzz.ts): every 4th operation, from the 4th.
await fuzzShard(4, 4);
