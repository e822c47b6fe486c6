// Preloaded into the server by bench/profile-intake.ts (`node --import`): SIGUSR2 starts V8's CPU profiler, the next
// SIGUSR2 stops it and writes the profile to $CPU_PROFILE_OUT, so the profile covers the load only (not start-up).
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';

const session = new Session();
session.connect();
let running = false;
process.on('SIGUSR2', async () => {
  if (!running) {
    running = true;
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 500 });
    await session.post('Profiler.start');
    return;
  }
  running = false;
  const { profile } = await session.post('Profiler.stop');
  fs.writeFileSync(process.env.CPU_PROFILE_OUT, JSON.stringify(profile));
  console.log('CPU_PROFILE_WRITTEN');
});
