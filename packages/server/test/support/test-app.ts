import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp, type AppDeps } from '../../src/app.js';
import type { ChangeBus } from '../../src/platform/bus/index.js';
import type { Config } from '../../src/platform/config/config.js';
import { demoPassword } from '../../src/install/demo.js';
import { createInstalledDatabase, testPassword } from './test-db.js';

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** The real app on a real, installed database, driven with inject(). */
export async function createTestApp(
  opts: { at?: string; config?: Partial<Config>; bus?: ChangeBus; webRoot?: string; onQuery?: (sql: string) => void; batchSizes?: AppDeps['batchSizes'] } = {},
) {
  const installed = await createInstalledDatabase(opts);
  const app: FastifyInstance = await buildApp({
    database: installed.database,
    config: installed.config,
    clock: installed.clock,
    ...(opts.bus ? { bus: opts.bus } : {}),
    ...(opts.webRoot ? { webRoot: opts.webRoot } : {}),
    ...(opts.batchSizes ? { batchSizes: opts.batchSizes } : {}),
  });
  await app.ready();

  /** Logs in and returns a client whose requests carry the session cookie. */
  async function login(username: string, password = username === 'admin' ? testPassword : demoPassword) {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'hotline_session')!;
    return client(`${cookie.name}=${cookie.value}`, res.json());
  }

  function client(cookie: string | null, session?: unknown, bearer?: string) {
    const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown): Promise<LightMyRequestResponse> =>
      app.inject({
        method,
        url,
        ...(payload === undefined ? {} : { payload: payload as object }),
        headers: { ...(cookie ? { cookie } : {}), ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
      });
    return {
      session: session as {
        current: {
          assignmentId: string;
          role: string;
          unit: { id: string };
          startPage: string | null;
          provinceWide: boolean;
          holdsHotline: boolean;
          holdsProvinceHotline: boolean;
        };
        assignments: { assignmentId: string; role: string; unit: { id: string; name: string } }[];
      },
      get: (url: string) => call('GET', url),
      post: (url: string, body?: unknown) => call('POST', url, body ?? {}),
      put: (url: string, body?: unknown) => call('PUT', url, body ?? {}),
      patch: (url: string, body?: unknown) => call('PATCH', url, body ?? {}),
      del: (url: string) => call('DELETE', url),
    };
  }

  return {
    app,
    ...installed,
    login,
    anonymous: () => client(null),
    withToken: (token: string) => client(null, undefined, token),
    close: async () => {
      await app.close();
      await installed.database.close();
    },
  };
}
