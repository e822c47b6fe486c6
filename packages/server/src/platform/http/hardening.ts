import helmet from 'helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config/config.js';
import { AppError } from '../errors/app-error.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Reachable while the person still has to change their password (change it, log out, read the session). */
    beforePasswordChange?: boolean;
  }
}

const tooMany = (seconds: number) =>
  new AppError('too_many', 'RATE_LIMITED', `请求过于频繁，请 ${Math.max(1, Math.ceil(seconds))} 秒后再试`, {
    retryAfterSeconds: Math.max(1, Math.ceil(seconds)),
  });

/** Per account once signed in (a shared office address must not throttle colleagues), per address before. */
export const rateKey = (req: FastifyRequest) => (req.actor ? `user:${req.actor.userId}` : `ip:${req.ip}`);

/**
 * Request rate limits (@fastify/rate-limit). Every route: HOTLINE_RATE_LIMIT_PER_MINUTE per account or address;
 * the login route sets its own, stricter limit per address. Runs after the auth hook so it knows the account.
 * Only the API counts: a first load of the web client fetches ~60 hashed files, and a colleague reloading a few
 * pages must not lock themselves out of the API (the browser tests hit exactly that: 429 on a lazy page's CSS).
 */
export async function registerRateLimits(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    max: config.rateLimitPerMinute,
    timeWindow: 60_000,
    keyGenerator: rateKey,
    allowList: (req) => !req.url.startsWith('/api/'),
    errorResponseBuilder: (_req, ctx) => tooMany(ctx.ttl / 1000),
  });
}

/** The login route's limit: attempts per address per minute, whatever the user names tried. */
export const loginRateLimit = (config: Config) => ({
  max: config.loginRateLimitPerMinute,
  timeWindow: 60_000,
  keyGenerator: (req: FastifyRequest) => `login:${req.ip}`,
});

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request refusal: a state change made with the session cookie must come from the server's own pages.
 * A browser says where a request comes from (Sec-Fetch-Site; Origin on every cross-site POST); a request that says
 * another site is refused. Requests with an API token are exempt: a browser never attaches one by itself.
 */
export function registerSameOrigin(app: FastifyInstance, config: Config): void {
  app.addHook('onRequest', async (req) => {
    if (safeMethods.has(req.method) || !req.url.startsWith('/api/')) return;
    if (/^Bearer\s/i.test(req.headers.authorization ?? '')) return;
    const site = req.headers['sec-fetch-site'];
    const origin = req.headers.origin;
    const own = `${req.protocol}://${req.host}`;
    const fromOwnPages =
      typeof site === 'string' && site !== ''
        ? site === 'same-origin' || site === 'none' || (!!origin && config.allowedOrigins.includes(origin))
        : !origin || origin === own || config.allowedOrigins.includes(origin);
    if (!fromOwnPages) throw new AppError('forbidden', 'CROSS_SITE_REQUEST', '拒绝来自其他网站的请求');
  });
}

/**
 * Security headers (helmet, the library @fastify/helmet wraps): a content security policy the built web client works under (antd writes
 * inline styles, nothing runs inline scripts), no framing by other sites, no MIME sniffing, and HSTS only when the
 * request came over HTTPS (behind a proxy: HOTLINE_TRUST_PROXY), so a plain-HTTP LAN installation keeps working.
 */
export async function registerSecurityHeaders(app: FastifyInstance, config: Pick<Config, 'recordingOrigins'>): Promise<void> {
  // Built once: @fastify/helmet 13 calls `helmet(options)` again for every request (its buildHelmetOnRoutes), parsing
  // and checking the policy each time — 3 % of intake's CPU in `npm run bench:profile`. The headers are the same.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        // Call recordings are played where the telephony system serves them (HOTLINE_RECORDING_ORIGINS).
        mediaSrc: ["'self'", ...config.recordingOrigins],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    hsts: false,
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (req, reply, done) => securityHeaders(req.raw, reply.raw, (err?: unknown) => done(err as Error | undefined)));
  app.addHook('onSend', async (req, reply) => {
    if (req.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });
}
