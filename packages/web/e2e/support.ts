import { createHmac, randomUUID } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const serverDir = path.resolve(here, '../../server');
export const demoPassword = 'Demo12351';
export const adminPassword = 'Admin12345e2e';

export type Server = { url: string; stop: () => Promise<void> };

/**
 * A real server on a free port with its own embedded database and the built web client (npm run build first): the
 * browser test drives exactly what `npm start` serves.
 *
 * Under `npm run test:e2e` (E2E_TEMPLATES set) the first file that needs an installation of a given size installs it
 * once into a template folder, and every file starts from a copy: a restart over a copied database skips the
 * installation (migrations, units, knowledge, demo orders: 6–10 s of CPU a file on a 2-core CI, where two files run at
 * once). A file run on its own installs fresh, as before.
 */
export async function startServer(opts: { demoOrders?: number; env?: Record<string, string> } = {}): Promise<Server> {
  if (!fs.existsSync(path.resolve(here, '../dist/index.html'))) throw new Error('packages/web/dist is missing: run npm run build -w @hotline/web first');
  const demoOrders = opts.demoOrders ?? 0;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-e2e-'));
  // Extra environment may change what is installed (a province, a rule): such a server installs fresh.
  const templates = opts.env ? undefined : process.env.E2E_TEMPLATES;
  if (templates) fs.cpSync(await templateFor(path.resolve(templates), demoOrders), dataDir, { recursive: true });
  // A server that installs (no template, or its own environment) gets longer to start than one over a copy.
  return spawnServer(dataDir, demoOrders, true, opts.env, templates ? startLimitMs : installLimitMs);
}

/** The installed template for this size: made by the first file that asks (a directory made atomically is the lock). */
async function templateFor(root: string, demoOrders: number): Promise<string> {
  const dir = path.join(root, `demo-${demoOrders}`);
  const ready = `${dir}.ready`;
  fs.mkdirSync(root, { recursive: true });
  let mine = false;
  try {
    fs.mkdirSync(dir);
    mine = true;
  } catch {
    // another file is installing it, or has
  }
  if (mine) {
    const server = await spawnServer(dir, demoOrders, false, {}, installLimitMs);
    await settleJobs(server.url);
    await server.stop();
    fs.writeFileSync(ready, '');
  }
  const deadline = Date.now() + installLimitMs + 60_000;
  while (!fs.existsSync(ready)) {
    if (Date.now() > deadline) throw new Error(`the e2e template ${dir} was not installed within ${(installLimitMs + 60_000) / 60_000} minutes`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return dir;
}

/**
 * Lets the installing server work through what its start made due (the first deadline scan over the demo's overdue
 * orders and the ~260 jobs of notifications it sends) before the template is copied: otherwise every copy does that
 * work again at its own start, CPU that every browser file paid (and, before the job runner gave requests a turn
 * between jobs, a first page load held past 30 s at CI's load). Settled means no job running and none due; jobs that
 * failed and wait for a retry are left to their time.
 */
async function settleJobs(url: string): Promise<void> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: adminPassword }),
  });
  const cookie = login.headers.get('set-cookie')?.split(';')[0];
  if (!login.ok || !cookie) throw new Error(`the e2e template's administrator could not sign in: ${login.status} ${await login.text()}`);
  const jobs = async (state: 'running' | 'pending') => {
    const res = await fetch(`${url}/api/jobs?state=${state}&limit=200`, { headers: { cookie } });
    if (!res.ok) throw new Error(`the e2e template's job list answered ${res.status}: ${await res.text()}`);
    return ((await res.json()) as { items: { runAt: string }[] }).items;
  };
  const deadline = Date.now() + installLimitMs;
  for (;;) {
    const due = (await jobs('pending')).filter((j) => Date.parse(j.runAt) <= Date.now());
    if (due.length === 0 && (await jobs('running')).length === 0) return;
    if (Date.now() > deadline) throw new Error(`the e2e template's jobs did not settle within ${installLimitMs / 60_000} minutes: ${due.length} due`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Guards against a hang, not speed checks. An installation (units, knowledge, demo orders and calls) took 118 s of wall
 * time at a load of 14 and one was cut off at 2 minutes: it gets 4; a start over an installed copy gets 2.
 */
const startLimitMs = 120_000;
const installLimitMs = 240_000;

async function spawnServer(
  dataDir: string,
  demoOrders: number,
  removeOnStop: boolean,
  env: Record<string, string> = {},
  limitMs = startLimitMs,
): Promise<Server> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      HOTLINE_DEMO_ORDERS: String(demoOrders),
      HOTLINE_ADMIN_PASSWORD: adminPassword,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start within ${limitMs / 60_000} minutes:\n${log}`));
    }, limitMs);
    const onData = (b: Buffer) => {
      log += b.toString();
      const m = /started: (http:\/\/\S+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!.replace('localhost', '127.0.0.1'));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code ?? signal}):\n${log}`));
    });
  });
  let stopping = false;
  // A server that dies under a test would otherwise show only as refused connections.
  child.on('exit', (code, signal) => {
    if (!stopping) console.error(`server exited during the tests (${code ?? signal}):\n${log.slice(-4000)}`);
  });
  return {
    url,
    stop: async () => {
      stopping = true;
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      if (removeOnStop) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The browser, whose pages ask for reduced motion unless a test says otherwise: the workplace honours the setting
 * (shell/reduced-motion.ts), so dialogs and dropdowns open at once instead of over a few hundred milliseconds of
 * frames that a 2-core CI machine renders in software (ten in-app navigations: 7.4 → 5.6 s of chromium CPU). The
 * workplace test's own pages keep the default, animated, to show the page works both ways.
 */
export async function launch(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = (options = {}) => newContext({ reducedMotion: 'reduce', ...options });
  return browser;
}

/**
 * A signed-in page at 1366×768 (the hotline's desktop), Chinese, Beijing time, opened at `at` (the person's start page
 * by default). The sign-in goes through the login API on the page's own context (its cookie is the page's), not the
 * form: a full load of /login costs ~1.2 s of chromium CPU, and on a 2-core CI seventy of them added up. The form
 * itself is driven where it is the point (workplace, cockpit, display and inner-mongolia tests).
 */
export async function signIn(
  browser: Browser,
  base: string,
  username: string,
  /** `at: null` opens no page: for a person the test only sends requests for (`page.request`), a page load saved. */
  opts: { password?: string; at?: string | null } = {},
): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const res = await ctx.request.post(`${base}/api/auth/login`, { data: { username, password: opts.password ?? demoPassword } });
  if (!res.ok()) throw new Error(`${username} could not sign in: ${res.status()} ${await res.text()}`);
  bases.set(ctx, base);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error(`[${username}] page error:`, e.message));
  if (opts.at === null) return page;
  await page.goto(`${base}${opts.at ?? '/'}`);
  // '/' sends the person on to their start page once the session is read: wait for it, as the form's redirect did.
  if (opts.at === undefined) await page.waitForURL((u) => u.pathname !== '/' && !u.pathname.startsWith('/login'));
  return page;
}

/** Screenshots land in packages/web/screenshots/ (git-ignored), or where SHOTS_DIR says. */
export const shotsDir = process.env.SHOTS_DIR || path.resolve(here, '../screenshots');
export async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(shotsDir, { recursive: true });
  // Transitions finished: a list that has just loaded, a dropdown that has just closed, are shown as they settle.
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`), animations: 'disabled' });
}

/**
 * An antd popup (dialog, popconfirm, dropdown) once its opening animation is over: on a busy machine a click during
 * the zoom can land beside the button it aimed at, and nothing happens.
 */
export const settled = (page: Page, popup: string) => page.locator(`${popup}:not([class*="-appear"]):not([class*="-enter"]):not([class*="-leave"])`);

/**
 * Switches the workplace to English through the user menu, as a person would, and waits until the page says so. The
 * menu's item is clicked only once its dropdown has settled, and the click is tried again if the language did not
 * change: on a loaded CI machine a click during the dropdown's slide-in was seen to land on nothing.
 */
export async function toEnglish(page: Page): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    if ((await page.evaluate(() => document.documentElement.lang)) === 'en') return;
    if (!(await settled(page, '.ant-dropdown').isVisible())) await page.locator('.user-menu').click();
    await settled(page, '.ant-dropdown').getByRole('menuitem', { name: 'English' }).click();
    try {
      await page.waitForFunction(() => document.documentElement.lang === 'en', undefined, { timeout: 5_000 });
      return;
    } catch {
      // not switched yet: open the menu again and retry
    }
  }
  throw new Error('the workplace did not switch to English');
}

/** Opens an order action's dialog, lets the caller fill it, confirms, and waits for it to close. */
export async function act(page: Page, action: string, fill?: (p: Page) => Promise<void>): Promise<void> {
  await page.locator(`[data-action=${action}]`).click();
  const dialog = page.getByRole('dialog');
  await settled(page, '.ant-modal').waitFor();
  if (fill) await fill(page);
  await dialog.locator('.ant-btn-primary').click();
  await dialog.waitFor({ state: 'hidden' });
}

/**
 * Moves a loaded page to `path` inside the app, as its links do (history push, then the router's popstate), instead of
 * loading the whole client again: a full load costs ~2.6 s of chromium CPU, an in-app move ~0.6 s. A page that has
 * loaded nothing yet is loaded. Where a reload is the point (a stale page, a direct address, a page-load request count)
 * the tests call `goto` themselves. `response`: also wait for the answer the new page asks for, so that what it shows
 * next is the new page's and not the previous one's.
 */
export async function go(page: Page, path: string, opts: { response?: (url: URL) => boolean } = {}): Promise<void> {
  const answered = opts.response ? page.waitForResponse((r) => opts.response!(new URL(r.url()))) : null;
  if (!page.url().startsWith('http')) await page.goto(`${originOf(page)}${path}`);
  else {
    await page.evaluate((p) => {
      window.history.pushState(null, '', p);
      window.dispatchEvent(new PopStateEvent('popstate', { state: null }));
    }, path);
    await page.waitForURL((u) => `${u.pathname}${u.search}` === new URL(path, u).pathname + new URL(path, u).search);
  }
  await answered;
}

export async function openFirstInView(page: Page, view: string): Promise<string> {
  await go(page, `/orders?view=${view}`);
  await page.locator('.ant-table-row').first().click();
  await page.waitForSelector('.order-header');
  return new URL(page.url()).pathname.split('/').pop()!;
}

/**
 * A request as the signed-in person: the status and the JSON answer. From a loaded page it is the page's own fetch (its
 * cookie and headers; the page's request events see it); before the page has loaded anything (`signIn(…, { at: null })`)
 * it goes through the page's request context, which holds the same cookies.
 */
export async function apiIn<T = unknown>(page: Page, path: string, init?: { method?: string; body?: unknown }): Promise<{ status: number; body: T }> {
  if (!page.url().startsWith('http')) {
    const res = await page.request.fetch(`${originOf(page)}${path}`, {
      method: init?.method ?? 'GET',
      ...(init?.body === undefined ? {} : { data: init.body, headers: { 'content-type': 'application/json' } }),
    });
    return { status: res.status(), body: (await res.json()) as T };
  }
  return page.evaluate(
    async ({ path, init }) => {
      const res = await fetch(path, {
        method: init?.method ?? 'GET',
        headers: init?.body === undefined ? {} : { 'content-type': 'application/json' },
        body: init?.body === undefined ? undefined : JSON.stringify(init.body),
      });
      return { status: res.status, body: await res.json() };
    },
    { path, init },
  ) as Promise<{ status: number; body: T }>;
}

/** Where the page's requests go: the page's own origin, or its context's base when it has loaded nothing yet. */
function originOf(page: Page): string {
  const url = page.url();
  if (url.startsWith('http')) return new URL(url).origin;
  const base = bases.get(page.context());
  if (!base) throw new Error('the page has no origin: sign it in with signIn, or load a page first');
  return base;
}
const bases = new WeakMap<BrowserContext, string>();

const demoTelephonySecret = 'demo-telephony-secret-12351'; // the demo installation's (platform/config)

/** Posts call events as the telephony system does: signed, HMAC-SHA256 over timestamp, nonce and body. */
export async function reportCalls(base: string, events: object[]): Promise<void> {
  const body = JSON.stringify({ events });
  const ts = String(Math.floor(Date.now() / 1000));
  const nonce = randomUUID();
  const signature = createHmac('sha256', demoTelephonySecret).update(`${ts}\n${nonce}\n${body}`).digest('hex');
  const res = await fetch(`${base}/api/calls/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hotline-timestamp': ts, 'x-hotline-nonce': nonce, 'x-hotline-signature': signature },
    body,
  });
  if (res.status !== 200) throw new Error(`call events refused: ${res.status} ${await res.text()}`);
}
