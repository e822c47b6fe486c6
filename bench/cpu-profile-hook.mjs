// Preloaded into the server by bench/profile-intake.ts (`node --import`): SIGUSR2 starts V8's CPU profiler, the next
// SIGUSR2 stops it and writes the profile to $CPU_PROFILE_OUT, so the profile covers the load only (not start-up).
// With $HEAP_PROFILE_OUT instead, the same signals start and stop V8's sampling heap profiler, counting objects the
// young and old collections freed too: what the load allocates (the garbage behind the GC's time), not what it keeps.
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';

const session = new Session();
session.connect();
const heap = Boolean(process.env.HEAP_PROFILE_OUT);
let running = false;
process.on('SIGUSR2', async () => {
  if (!running) {
    running = true;
    if (heap) {
      await session.post('HeapProfiler.enable');
      await session.post('HeapProfiler.startSampling', {
        samplingInterval: 8192,
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: true,
      });
      return;
    }
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 500 });
    await session.post('Profiler.start');
    return;
  }
  running = false;
  if (heap) {
    const { profile } = await session.post('HeapProfiler.stopSampling');
    fs.writeFileSync(process.env.HEAP_PROFILE_OUT, JSON.stringify(profile));
  } else {
    const { profile } = await session.post('Profiler.stop');
    fs.writeFileSync(process.env.CPU_PROFILE_OUT, JSON.stringify(profile));
  }
  console.log('CPU_PROFILE_WRITTEN');
});
