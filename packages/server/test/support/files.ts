import { crc32, deflateRawSync } from 'node:zlib';

/** Test files built byte by byte, so each test says exactly what is inside. */

/** A zip (an OOXML document is one), each entry deflated unless `stored`. `declaredSize` lets a test lie about sizes. */
export function zip(entries: { name: string; data: Buffer; stored?: boolean; declaredSize?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const body = e.stored ? e.data : deflateRawSync(e.data);
    const crc = crc32(e.data);
    const size = e.declaredSize ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.stored ? 0 : 8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.stored ? 0 : 8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const contentTypes = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
);
const documentXml = Buffer.from(
  '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>欠条</w:t></w:r></w:p></w:body></w:document>',
);

/** A .docx with the given extra parts. */
export function docx(extra: { name: string; data: Buffer; declaredSize?: number }[] = []): Buffer {
  return zip([{ name: '[Content_Types].xml', data: contentTypes }, { name: 'word/document.xml', data: documentXml }, ...extra]);
}

/** The first bytes of a Windows program: a DOS header pointing at a PE signature. */
export function fakeExe(size = 1024): Buffer {
  const b = Buffer.alloc(size);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('This program cannot be run in DOS mode.', 0x40, 'latin1');
  b.writeUInt32BE(0x50450000, 0x80);
  return b;
}

/**
 * An OLE compound file (512-byte sectors) holding the named streams, each padded to whole sectors. Word 97-2003
 * has a `WordDocument` stream; a Windows installer has none of the Office ones.
 */
export function compoundFile(streams: { name: string; data: Buffer }[]): Buffer {
  const S = 512;
  const pad = (b: Buffer) => Buffer.concat([b, Buffer.alloc((S - (b.length % S)) % S || (b.length ? 0 : S))]);
  const bodies = streams.map((s) => pad(s.data.length >= 4096 ? s.data : Buffer.concat([s.data, Buffer.alloc(4096 - s.data.length)])));
  const entries = 1 + streams.length;
  const dirSectors = Math.ceil(entries / 4);
  // Layout: sector 0 = FAT, then the directory, then each stream.
  const fat: number[] = [0xfffffffd];
  for (let i = 0; i < dirSectors; i++) fat.push(i === dirSectors - 1 ? 0xfffffffe : fat.length + 1);
  const starts: number[] = [];
  for (const b of bodies) {
    starts.push(fat.length);
    const n = b.length / S;
    for (let i = 0; i < n; i++) fat.push(i === n - 1 ? 0xfffffffe : fat.length + 1);
  }
  if (fat.length > S / 4) throw new Error('test compound file too large');
  const fatSector = Buffer.alloc(S, 0xff);
  fat.forEach((v, i) => fatSector.writeUInt32LE(v, i * 4));
  const dir = Buffer.alloc(dirSectors * S);
  const entry = (i: number, name: string, type: number, start: number, size: number, right: number, child: number) => {
    const at = i * 128;
    dir.write(name, at, 'utf16le');
    dir.writeUInt16LE((name.length + 1) * 2, at + 0x40);
    dir[at + 0x42] = type;
    dir[at + 0x43] = 1;
    dir.writeUInt32LE(0xffffffff, at + 0x44);
    dir.writeUInt32LE(right, at + 0x48);
    dir.writeUInt32LE(child, at + 0x4c);
    dir.writeUInt32LE(start, at + 0x74);
    dir.writeUInt32LE(size, at + 0x78);
  };
  entry(0, 'Root Entry', 5, 0xfffffffe, 0, 0xffffffff, streams.length ? 1 : 0xffffffff);
  streams.forEach((s, i) => entry(i + 1, s.name, 2, starts[i]!, bodies[i]!.length, i + 2 <= streams.length ? i + 2 : 0xffffffff, 0xffffffff));
  const header = Buffer.alloc(S);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x3e, 0x18);
  header.writeUInt16LE(3, 0x1a);
  header.writeUInt16LE(0xfffe, 0x1c);
  header.writeUInt16LE(9, 0x1e);
  header.writeUInt16LE(6, 0x20);
  header.writeUInt32LE(1, 0x2c);
  header.writeUInt32LE(1, 0x30);
  header.writeUInt32LE(4096, 0x38);
  header.writeUInt32LE(0xfffffffe, 0x3c);
  header.writeUInt32LE(0xfffffffe, 0x44);
  for (let i = 0; i < 109; i++) header.writeUInt32LE(i === 0 ? 0 : 0xffffffff, 0x4c + i * 4);
  return Buffer.concat([header, fatSector, dir, ...bodies]);
}
