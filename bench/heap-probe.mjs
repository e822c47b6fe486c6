// Preloaded into the server by bench/soak.ts (`NODE_OPTIONS=--import …`): every $HEAP_PROBE_MS (default 10 s) one
// line of `process.memoryUsage()` in MB is appended to $HEAP_PROBE_OUT, so the soak can put V8's heap beside the RSS
// it reads from /proc. The timer is unref'd (it keeps no server alive) and reads only; no collection is forced.
import fs from 'node:fs';
import v8 from 'node:v8';

const out = process.env.HEAP_PROBE_OUT;
if (out) {
  const mb = (n) => Math.round((n / 2 ** 20) * 10) / 10;
  const write = () => {
    const m = process.memoryUsage();
    const line = {
      at: Date.now(),
      pid: process.pid,
      rss: mb(m.rss),
      heapUsed: mb(m.heapUsed),
      heapTotal: mb(m.heapTotal),
      external: mb(m.external),
      arrayBuffers: mb(m.arrayBuffers),
    };
    // HEAP_PROBE_SPACES=1: each V8 space's committed size too, and the process's anonymous and file-backed resident
    // memory (what RSS is made of beyond the heap: native allocations, code, mapped files).
    if (process.env.HEAP_PROBE_SPACES) {
      line.script = process.argv[1];
      for (const s of v8.getHeapSpaceStatistics()) line[s.space_name] = mb(s.physical_space_size);
      const status = fs.readFileSync('/proc/self/status', 'utf8');
      for (const k of ['RssAnon', 'RssFile']) line[k] = Math.round(Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 102.4) / 10;
    }
    fs.appendFileSync(out, `${JSON.stringify(line)}\n`);
  };
  setInterval(write, Number(process.env.HEAP_PROBE_MS ?? 10_000)).unref();
}
