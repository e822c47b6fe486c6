import { crc32, deflateSync } from 'node:zlib';
import { expect } from 'vitest';
import type { TestApp } from '../support/test-app.js';
import { demoPassword } from '../../src/install/demo.js';

/** A real 2×2 PNG: signature, IHDR, one zlib-compressed IDAT, IEND, each chunk with its CRC. */
export function tinyPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0);
  ihdr.writeUInt32BE(2, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const rows = Buffer.from([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A minimal one-page PDF with a correct cross-reference table. */
export function tinyPdf(): Buffer {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>'];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A session cookie, for requests the test client cannot send (multipart uploads). */
export async function sessionCookie(t: TestApp, username: string, password = demoPassword): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.body}`);
  const c = res.cookies.find((x) => x.name === 'hotline_session')!;
  return `${c.name}=${c.value}`;
}

/** Uploads one file as multipart/form-data, field `file`, with an optional `kind` field. */
export function upload(t: TestApp, cookie: string, orderId: string, file: { name: string; bytes: Buffer; type?: string }, kind?: string) {
  const boundary = `----hotline${Math.random().toString(36).slice(2)}`;
  const parts: Buffer[] = [];
  if (kind) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n${kind}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
    ),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return t.app.inject({
    method: 'POST',
    url: `/api/orders/${orderId}/attachments`,
    payload: Buffer.concat(parts),
    headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

/** Asserts an error answer by status and stable code, printing the body when it differs. */
export async function expectError(res: Promise<{ statusCode: number; body: string }>, status: number, code: string) {
  const r = await res;
  const got = (() => {
    try {
      return (JSON.parse(r.body) as { code?: string }).code;
    } catch {
      return undefined;
    }
  })();
  if (r.statusCode !== status || got !== code) expect.fail(`expected ${status} ${code}, got ${r.statusCode}: ${r.body}`);
  return JSON.parse(r.body) as { code: string; message: string; details?: { fields?: { field: string; message: string }[] } };
}
