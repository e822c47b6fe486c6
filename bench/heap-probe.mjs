// Preloaded into the server by bench/soak.ts (`NODE_OPTIONS=--import …`): every $HEAP_PROBE_MS (default 10 s) one
// line of `process.memoryUsage()` in MB is appended to $HEAP_PROBE_OUT, so the soak can put V8's heap beside the RSS
// it reads from /proc. The timer is unref'd (it keeps no server alive) and reads only; no collection is forced.
import fs from 'node:fs';

const out = process.env.HEAP_PROBE_OUT;
if (out) {
  const mb = (n) => Math.round((n / 2 ** 20) * 10) / 10;
  const write = () => {
    const m = process.memoryUsage();
    fs.appendFileSync(
      out,
      `${JSON.stringify({ at: Date.now(), pid: process.pid, rss: mb(m.rss), heapUsed: mb(m.heapUsed), heapTotal: mb(m.heapTotal), external: mb(m.external), arrayBuffers: mb(m.arrayBuffers) })}\n`,
    );
  };
  setInterval(write, Number(process.env.HEAP_PROBE_MS ?? 10_000)).unref();
}
