import { fuzzShard } from './fuzz.js';

// One shard of the contract fuzz (test/contract/fuzz.ts): every 4th operation, from the 3rd.
await fuzzShard(3, 4);
