import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { registerWebClient } from '../../src/platform/http/web.js';
import { isClientGoneError, serverLoggerOptions } from '../../src/platform/log/logger-options.js';

/**
 * A browser that leaves while an asset is still arriving is not a fault of the server: the compressed download's
 * "premature close" is logged at debug, not as an error with a stack (platform/log/logger-options.ts). A real
 * server, the real web client routes and compression, and a download cut after its first bytes.
 */
const lines: { level: number; msg: string }[] = [];
let waiting: (() => void) | null = null;
const capture = new Writable({
  write(chunk, _enc, done) {
    for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l) as { level: number; msg: string });
    waiting?.();
    done();
  },
});
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-web-gone-'));
fs.mkdirSync(path.join(root, 'assets'));
fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>12351</title>');
// Large and not very compressible: the server is still sending when the client goes.
fs.writeFileSync(path.join(root, 'assets', 'big-abc123.js'), crypto.randomBytes(12 * 1024 * 1024).toString('base64'));

const app = Fastify({ logger: { ...serverLoggerOptions('debug'), stream: capture } });
await registerWebClient(app, root);
await app.listen({ port: 0, host: '127.0.0.1' });
afterAll(() => app.close());

describe('a client that goes away mid-download', () => {
  it('is logged at debug, not as an error', async () => {
    const { port } = app.server.address() as { port: number };
    await new Promise<void>((resolve, reject) => {
      const req = http.get({ port, host: '127.0.0.1', path: '/assets/big-abc123.js', headers: { 'accept-encoding': 'gzip' } }, (res) => {
        expect(res.headers['content-encoding']).toBe('gzip');
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', (e) => (e.message.includes('socket hang up') ? undefined : reject(e)));
    });
    const gone = () => lines.find((l) => /premature close/i.test(l.msg));
    while (!gone()) await new Promise<void>((r) => (waiting = r));
    expect(gone()!.level).toBe(20);
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);
  });

  it('leaves every other error an error', () => {
    expect(isClientGoneError(new Error('premature close'))).toBe(true);
    expect(isClientGoneError({ err: Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }) })).toBe(true);
    expect(isClientGoneError(new Error('EACCES: permission denied'))).toBe(false);
    expect(isClientGoneError({ err: 'premature close' })).toBe(false);
    expect(isClientGoneError('premature close')).toBe(false);
    expect(isClientGoneError(null)).toBe(false);
  });
});
