import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import compress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { english, prefersEnglish } from '../i18n/english.js';
import { routeNotFound } from './error-handler.js';

/** A message of these answers (sent here, not through the error handler) in the reader's language. */
const said = (req: FastifyRequest, zh: string) => (prefersEnglish(req.headers['accept-language']) ? english(zh) : zh);

/** The built web client (packages/web/dist), served by the same server; absent in API-only test runs. */
export const defaultWebRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../web/dist');

/**
 * Serves the web client: hashed assets cached for a year, index.html never cached, and every other GET outside
 * /api answered with index.html so the client's own router handles deep links (/orders/…) after a reload. The
 * files there were at start have their own routes; a rebuild's new files are found on disk (sendBuiltLater), so a
 * rebuilt client is served without a restart (index.html is read at each request already). The routes are there
 * even when nothing is built yet: a server started before `npm run build -w @hotline/web` serves the client as soon
 * as the build lands, and until then a page answers WEB_CLIENT_NOT_BUILT instead of a bare 404.
 */
export async function registerWebClient(app: FastifyInstance, root = defaultWebRoot): Promise<void> {
  // The client's first load is ~1 MB of JavaScript uncompressed and ~330 KB gzipped: compress what we send.
  await app.register(compress, { global: true, threshold: 1024 });
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: false,
    // Ours, not the plugin's: left on, it wrote its own `public, max-age=0` over what setHeaders says, and every page
    // load asked again for each hashed file (test/security/http.test.ts).
    cacheControl: false,
    setHeaders: (res, file) => {
      res.setHeader('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  // Looked for on disk only until it has been seen once: a built client's page loads never stat it again (sendFile
  // reads it anyway), and an unbuilt one finds its build at the first page load after it.
  let built = false;
  const isBuilt = () => built || (built = webClientBuilt(root));
  const sendIndex = (req: FastifyRequest, reply: FastifyReply) => {
    reply.header('cache-control', 'no-cache');
    if (!isBuilt()) {
      return reply.code(503).send({
        code: 'WEB_CLIENT_NOT_BUILT',
        message: said(
          req,
          '网页端尚未构建：请在项目目录运行 npm run build -w @hotline/web（或 npm run build），完成后刷新本页即可，无需重启服务。接口文档见 /api/docs',
        ),
        requestId: req.id,
      });
    }
    return reply.sendFile('index.html');
  };
  app.get('/', { schema: { hide: true }, config: { public: true } }, sendIndex);
  app.get('/*', { schema: { hide: true }, config: { public: true } }, (req, reply) => {
    if (req.url.startsWith('/api/')) {
      return routeNotFound(req, reply);
    }
    const pathname = req.url.split('?')[0]!;
    if (/\.[a-z0-9]{2,5}$/i.test(pathname)) return sendBuiltLater(root, pathname, req.id, reply);
    return sendIndex(req, reply);
  });
}

/** Whether the web client is built under root (the start banner says how to build it when not). */
export function webClientBuilt(root = defaultWebRoot): boolean {
  return fs.existsSync(path.join(root, 'index.html'));
}

/**
 * A file the client's build wrote after the server started (`npm run build -w @hotline/web` while it runs): the
 * plugin routes only the files there were at start, so a new build's hashed assets come here, looked up on disk
 * with the same headers as the rest (immutable under assets/). Only a path with a file extension that no route
 * matched reads the disk: never an API request. A path outside the root or through a dot-name (.env) is not
 * looked up; a path with a file extension that isn't there is a real 404, not a page of the app.
 */
async function sendBuiltLater(root: string, pathname: string, requestId: string, reply: FastifyReply) {
  const missing = () => reply.code(404).send({ code: 'NOT_FOUND', message: said(reply.request, '文件不存在'), requestId });
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return missing();
  }
  const segments = decoded.split('/').filter(Boolean);
  if (segments.some((s) => s.startsWith('.') || s.includes('\\') || s.includes('\0'))) return missing();
  const file = path.join(root, ...segments);
  if (!file.startsWith(path.join(root, path.sep))) return missing();
  const stat = await fs.promises.stat(file).catch(() => null);
  if (!stat?.isFile()) return missing();
  return reply.sendFile(segments.join('/'));
}
