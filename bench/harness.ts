/**
 * What every benchmark script needs around the servers it measures: starting a process and reading its port, logging
 * in, and reading a process's memory and CPU time from /proc (Linux), so that a figure is per order whatever the load.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../packages/server');

const children: ChildProcess[] = [];
export const killChildren = () => {
  for (const c of children) c.kill('SIGKILL');
};
process.on('exit', killChildren);

/** A `.ts` script runs through tsx; the server itself runs compiled (`dist/main.js`, production mode, no compiler at run time). */
export function start(script: string, env: Record<string, string | undefined>, ready: RegExp): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    // A variable given as undefined is removed (the PGlite bench must not inherit a DATABASE_URL).
    const merged = Object.fromEntries(Object.entries({ ...process.env, ...env }).filter(([, v]) => v !== undefined));
    // The compiled server as `npm run start:prod` starts it: its young generation capped by the start flag.
    const argv = script.endsWith('.ts') ? ['--import', 'tsx', script] : [`--max-semi-space-size=${merged.HOTLINE_SEMI_SPACE_MB ?? 8}`, script];
    const child = spawn(process.execPath, argv, { cwd: serverDir, env: merged, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${script} did not start:\n${out}`)), 300_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = ready.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, port: Number(m[1]) });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => code !== null && code !== 0 && reject(new Error(`${script} exited ${code}:\n${out}`)));
  });
}

export async function login(port: number, username: string) {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'Demo12351' }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const session = (await res.json()) as { current: { unit: { id: string } }; user: { unit: { id: string } } };
  return { cookie, session };
}

export const rssMb = (pid: number) => {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
};

/** CPU time (user + system) a process has used, in ms: what an order costs the server whatever the machine's load. */
export const cpuMs = (pid: number) => {
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
  } catch {
    return 0;
  }
};

/** The intake every bench posts: one caller, an employer, a place, a narrative of a wage-arrears complaint. */
export const intakeBody = JSON.stringify({
  channel: 'phone',
  callers: [{ name: '王先生', phone: '13904710001' }],
  employer: { name: '呼和浩特市恒泰建筑劳务有限公司' },
  place: { text: '呼和浩特市新城区某工地', divisionCode: '150102' },
  narrative: '反映某建筑劳务公司拖欠本人及工友工资共计约三万元，多次讨要未果，请求工会帮助。',
  typeCode: 'complaint',
  subjectCode: 'wage_arrears',
  workersInvolved: 3,
  amountInvolved: 30000,
});

export const line = (name: string, value: string, target: string, pass: boolean | null) =>
  console.log(`${name.padEnd(44)} ${value.padStart(22)}   ${target.padEnd(12)} ${pass === null ? '' : pass ? 'met' : 'MISSED'}`);
