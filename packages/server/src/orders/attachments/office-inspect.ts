import { inflateRawSync } from 'node:zlib';

/**
 * Looks inside Office containers without trusting them. Pure functions over the bytes: an OOXML document (a zip)
 * and a legacy Office file (an OLE compound file) are read only as far as their directories and, for a zip, the
 * inflated entries, each with a hard output limit so a crafted file cannot make the check itself run out of memory.
 */
export type Inspection = { ok: true; contentType: string } | { ok: false; code: string; message: string };

/** At most this much inflated content in a whole document, and at most this many times its own size. */
export const maxExpandedBytes = 200 * 1024 * 1024;
export const maxExpansionRatio = 100;
const maxEntries = 5000;

/** A Windows program: "MZ" whose header points at a "PE\0\0" signature, anywhere in the bytes. */
export function looksExecutable(bytes: Buffer): boolean {
  let i = bytes.indexOf('MZ');
  while (i !== -1 && i + 0x40 <= bytes.length) {
    const peAt = i + bytes.readUInt32LE(i + 0x3c);
    if (peAt + 4 <= bytes.length && peAt > i && bytes.readUInt32BE(peAt) === 0x50450000) return true;
    i = bytes.indexOf('MZ', i + 2);
  }
  return false;
}

const embeddedProgramName = /\.(exe|dll|scr|com|bat|cmd|msi|ps1|vbs|js|jar|hta|cpl|lnk|pif|wsf)$/i;

const refuse = (code: string, message: string): Inspection => ({ ok: false, code, message });
const embedded = () => refuse('ATTACHMENT_EMBEDDED_EXECUTABLE', '文档中内嵌了可执行程序，不允许上传');
const macros = () => refuse('ATTACHMENT_MACROS', '文档中含有宏代码，不允许上传；请另存为不含宏的文档（.docx/.xlsx）后再上传');
const bomb = () => refuse('ATTACHMENT_EXPANSION', '文档解压后体积异常（压缩比过高），不允许上传');
const broken = () => refuse('ATTACHMENT_CORRUPT', '文档结构损坏，无法检查，请重新保存后上传');

type ZipEntry = { name: string; method: number; compressedSize: number; size: number; localOffset: number };

function zipEntries(bytes: Buffer): ZipEntry[] | null {
  // The end-of-central-directory record sits in the last 64 KB + 22 bytes.
  const from = Math.max(0, bytes.length - 65_557);
  const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < from || eocd + 22 > bytes.length) return null;
  const count = bytes.readUInt16LE(eocd + 10);
  let at = bytes.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) return null;
    const nameLength = bytes.readUInt16LE(at + 28);
    const extra = bytes.readUInt16LE(at + 30);
    const comment = bytes.readUInt16LE(at + 32);
    entries.push({
      method: bytes.readUInt16LE(at + 10),
      compressedSize: bytes.readUInt32LE(at + 20),
      size: bytes.readUInt32LE(at + 24),
      localOffset: bytes.readUInt32LE(at + 42),
      name: bytes.toString('utf8', at + 46, at + 46 + nameLength),
    });
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

function entryData(bytes: Buffer, e: ZipEntry, limit: number): Buffer | 'too_big' | null {
  const at = e.localOffset;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== 0x04034b50) return null;
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  const raw = bytes.subarray(start, start + e.compressedSize);
  if (e.method === 0) return raw;
  if (e.method !== 8) return null;
  try {
    return inflateRawSync(raw, { maxOutputLength: limit });
  } catch (err) {
    return (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? 'too_big' : null;
  }
}

/** A .docx/.xlsx/.pptx: no programs, no macros, no bombs. The declared sizes are checked, then the real ones. */
export function inspectOfficeZip(bytes: Buffer): Inspection {
  const entries = zipEntries(bytes);
  if (!entries || entries.length > maxEntries) return broken();
  const limit = Math.min(maxExpandedBytes, bytes.length * maxExpansionRatio);
  const declared = entries.reduce((s, e) => s + e.size, 0);
  if (declared > limit) return bomb();
  if (entries.some((e) => embeddedProgramName.test(e.name))) return embedded();
  if (entries.some((e) => /vbaProject\.bin$/i.test(e.name))) return macros();
  let total = 0;
  for (const e of entries) {
    if (e.name.endsWith('/')) continue;
    // Sizes in the directory can lie: inflate for real, never past what is left of the budget.
    const data = entryData(bytes, e, Math.max(1, limit - total));
    if (data === 'too_big') return bomb();
    if (!data) return broken();
    total += data.length;
    if (total > limit) return bomb();
    if (looksExecutable(data)) return embedded();
    if (/\.bin$/i.test(e.name) && data.length >= 8 && data.readUInt32BE(0) === 0xd0cf11e0) {
      const inner = compoundEntries(data);
      if (inner?.some((n) => n === '\u0001Ole10Native'))
        return refuse('ATTACHMENT_EMBEDDED_PACKAGE', '文档中内嵌了文件包（可能是程序），不允许上传；请将文件单独上传');
    }
  }
  return { ok: true, contentType: '' };
}

/** The names of every entry in an OLE compound file's directory, or null when the structure does not hold. */
export function compoundEntries(bytes: Buffer): string[] | null {
  if (bytes.length < 512 || bytes.readUInt32BE(0) !== 0xd0cf11e0 || bytes.readUInt32BE(4) !== 0xa1b11ae1) return null;
  const shift = bytes.readUInt16LE(0x1e);
  if (shift !== 9 && shift !== 12) return null;
  const size = 1 << shift;
  const sector = (n: number) => bytes.subarray((n + 1) * size, (n + 2) * size);
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) {
    const s = bytes.readUInt32LE(0x4c + i * 4);
    if (s < 0xfffffffa) fatSectors.push(s);
  }
  let difat = bytes.readUInt32LE(0x44);
  for (let guard = 0; difat < 0xfffffffa && guard < 1000; guard++) {
    const d = sector(difat);
    if (d.length < size) return null;
    for (let i = 0; i < size / 4 - 1; i++) {
      const s = d.readUInt32LE(i * 4);
      if (s < 0xfffffffa) fatSectors.push(s);
    }
    difat = d.readUInt32LE(size - 4);
  }
  const next = (n: number): number => {
    const fs = fatSectors[Math.floor(n / (size / 4))];
    if (fs === undefined) return 0xfffffffe;
    const f = sector(fs);
    return f.length === size ? f.readUInt32LE((n % (size / 4)) * 4) : 0xfffffffe;
  };
  const names: string[] = [];
  const seen = new Set<number>();
  for (let s = bytes.readUInt32LE(0x30); s < 0xfffffffa; s = next(s)) {
    if (seen.has(s) || seen.size > 100_000) return null;
    seen.add(s);
    const d = sector(s);
    if (d.length < size) return null;
    for (let e = 0; e + 128 <= size; e += 128) {
      const type = d[e + 0x42];
      const nameBytes = d.readUInt16LE(e + 0x40);
      if (!type || nameBytes < 2 || nameBytes > 64) continue;
      names.push(d.toString('utf16le', e, e + nameBytes - 2));
    }
  }
  return names;
}

/** Word, Excel or PowerPoint 97-2003 by their main stream; anything else in this container (an installer) is refused. */
export function inspectCompoundFile(bytes: Buffer): Inspection {
  const names = compoundEntries(bytes);
  if (!names) return broken();
  if (names.some((n) => n === '\u0001Ole10Native'))
    return refuse('ATTACHMENT_EMBEDDED_PACKAGE', '文档中内嵌了文件包（可能是程序），不允许上传；请将文件单独上传');
  if (names.some((n) => n === '_VBA_PROJECT_CUR' || n === 'VBA' || n === 'Macros' || n === '_VBA_PROJECT')) return macros();
  if (names.includes('WordDocument')) return { ok: true, contentType: 'application/msword' };
  if (names.includes('Workbook') || names.includes('Book')) return { ok: true, contentType: 'application/vnd.ms-excel' };
  if (names.includes('PowerPoint Document')) return { ok: true, contentType: 'application/vnd.ms-powerpoint' };
  return refuse('ATTACHMENT_TYPE_NOT_ALLOWED', '不是 Word、Excel 或 PowerPoint 文档（例如安装程序），不允许上传');
}
