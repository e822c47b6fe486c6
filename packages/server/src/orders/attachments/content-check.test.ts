import { describe, expect, it } from 'vitest';
import { compoundFile, docx, fakeExe, zip } from '../../../test/support/files.js';
import { tinyPdf, tinyPng } from '../../../test/orders/http.js';
import { checkAttachment } from './content-check.js';
import { compoundEntries, looksExecutable } from './office-inspect.js';

const code = async (bytes: Buffer, name = 'file') => {
  const v = await checkAttachment(bytes, name);
  return v.ok ? v.contentType : v.code;
};

describe('attachment allow-list and container inspection (issue 10, item 13)', () => {
  it('accepts what a hotline needs, by content', async () => {
    expect(await code(tinyPng(), '欠条.png')).toBe('image/png');
    expect(await code(tinyPdf(), '合同.pdf')).toBe('application/pdf');
    expect(await code(docx(), '说明.docx')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(await code(compoundFile([{ name: 'WordDocument', data: Buffer.from('word') }]), '旧版.doc')).toBe('application/msword');
    expect(await code(compoundFile([{ name: 'Workbook', data: Buffer.from('xls') }]), '工资表.xls')).toBe('application/vnd.ms-excel');
  });

  it('refuses a compound file that is no Office document (an installer named setup.msi)', async () => {
    const msi = compoundFile([{ name: '\u4840\u3b3f\u4577', data: Buffer.from('tables') }]);
    expect(compoundEntries(msi)).toContain('\u4840\u3b3f\u4577');
    expect(await code(msi, 'setup.msi')).toBe('ATTACHMENT_NAME_NOT_ALLOWED');
    expect(await code(msi, 'setup.doc')).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
  });

  it('refuses a docx carrying a program, a macro project or an OLE package', async () => {
    expect(await code(docx([{ name: 'word/embeddings/setup.exe', data: Buffer.from('x') }]), 'a.docx')).toBe('ATTACHMENT_EMBEDDED_EXECUTABLE');
    expect(await code(docx([{ name: 'word/embeddings/oleObject1.bin', data: Buffer.concat([Buffer.alloc(300), fakeExe()]) }]), 'a.docx')).toBe(
      'ATTACHMENT_EMBEDDED_EXECUTABLE',
    );
    const pkg = compoundFile([{ name: '\u0001Ole10Native', data: Buffer.from('invoice.pdf') }]);
    expect(await code(docx([{ name: 'word/embeddings/oleObject1.bin', data: pkg }]), 'a.docx')).toBe('ATTACHMENT_EMBEDDED_PACKAGE');
    expect(await code(docx([{ name: 'word/vbaProject.bin', data: Buffer.from('vba') }]), 'a.docx')).toBe('ATTACHMENT_MACROS');
    expect(
      await code(
        compoundFile([
          { name: 'WordDocument', data: Buffer.from('w') },
          { name: 'Macros', data: Buffer.from('m') },
        ]),
        'a.doc',
      ),
    ).toBe('ATTACHMENT_MACROS');
  });

  it('refuses a docx that expands far beyond its size, whether its directory tells the truth or lies', async () => {
    const zeros = Buffer.alloc(30 * 1024 * 1024);
    const honest = docx([{ name: 'word/media/big.xml', data: zeros }]);
    expect(honest.length).toBeLessThan(100_000);
    expect(await code(honest, 'a.docx')).toBe('ATTACHMENT_EXPANSION');
    const lying = docx([{ name: 'word/media/big.xml', data: zeros, declaredSize: 10 }]);
    expect(await code(lying, 'a.docx')).toBe('ATTACHMENT_EXPANSION');
  });

  it('refuses programs by content and by name, and PDFs that launch or carry files', async () => {
    expect(await code(fakeExe(), 'photo.png')).toBe('ATTACHMENT_EXECUTABLE');
    expect(await code(tinyPng(), 'photo.exe')).toBe('ATTACHMENT_NAME_NOT_ALLOWED');
    expect(await code(Buffer.concat([tinyPdf(), Buffer.from('<< /S /Launch /F (cmd.exe) >>')]), 'a.pdf')).toBe('ATTACHMENT_ACTIVE_CONTENT');
    expect(await code(zip([{ name: 'a.txt', data: Buffer.from('hello') }]), 'a.zip')).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
    expect(looksExecutable(Buffer.from('MZ but nothing else'))).toBe(false);
  });

  it('treats a broken container as broken, never as a crash', async () => {
    const cut = docx().subarray(0, 200);
    expect(await code(cut, 'a.docx')).toMatch(/ATTACHMENT_(CORRUPT|TYPE_NOT_ALLOWED)/);
    const badCfb = Buffer.concat([compoundFile([{ name: 'WordDocument', data: Buffer.from('w') }]).subarray(0, 600)]);
    expect(await code(badCfb, 'a.doc')).toMatch(/ATTACHMENT_(CORRUPT|TYPE_NOT_ALLOWED)/);
  });
});
