import { fileTypeFromBuffer } from 'file-type';
import { inspectCompoundFile, inspectOfficeZip, looksExecutable, type Inspection } from './office-inspect.js';

/**
 * What may be attached: what a hotline needs — photos and scans, PDFs, Office documents, call recordings — checked
 * by content, never by name. Office files are containers and are opened: an embedded program, macros or a "zip
 * bomb" (a small file that expands to gigabytes) are refused with a message that says which.
 */
export const allowedAttachmentTypes: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG 图片',
  'image/png': 'PNG 图片',
  'image/webp': 'WebP 图片',
  'image/heic': 'HEIC 图片',
  'image/gif': 'GIF 图片',
  'audio/mpeg': 'MP3 录音',
  'audio/wav': 'WAV 录音',
  'audio/x-wav': 'WAV 录音',
  'audio/amr': 'AMR 录音',
  'audio/mp4': 'M4A 录音',
  'audio/x-m4a': 'M4A 录音',
  'video/mp4': 'MP4 视频',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word 文档',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel 表格',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint 演示文稿',
  'application/msword': 'Word 97-2003 文档',
  'application/vnd.ms-excel': 'Excel 97-2003 表格',
  'application/vnd.ms-powerpoint': 'PowerPoint 97-2003 演示文稿',
};

export const maxAttachmentBytes = 20 * 1024 * 1024;

/** Names that Windows would run or install when opened: refused whatever the content, so no download is mistaken for one. */
const executableName = /\.(exe|dll|scr|com|bat|cmd|msi|msp|ps1|vbs|vbe|js|jse|jar|hta|cpl|lnk|pif|wsf|wsh|reg|sys|apk)$/i;

const ooxml = new Set([
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
]);

export type AttachmentVerdict = { ok: true; contentType: string } | { ok: false; code: string; message: string };

const allowedList = () => [...new Set(Object.values(allowedAttachmentTypes))].join('、');

/** The content type to store, or the reason the file is refused. */
export async function checkAttachment(bytes: Buffer, fileName: string): Promise<AttachmentVerdict> {
  if (executableName.test(fileName)) {
    return { ok: false, code: 'ATTACHMENT_NAME_NOT_ALLOWED', message: `不允许上传可执行或安装类文件（${fileName.split('.').pop()}）` };
  }
  if (looksExecutable(bytes)) return { ok: false, code: 'ATTACHMENT_EXECUTABLE', message: '文件是可执行程序，不允许上传' };
  const detected = await fileTypeFromBuffer(bytes);
  let mime = detected?.mime as string | undefined;
  let inspection: Inspection | null = null;
  if (mime === 'application/x-cfb') {
    // Word/Excel/PowerPoint 97-2003 and Windows installers (.msi) share this container: tell them apart by what is inside.
    inspection = inspectCompoundFile(bytes);
    mime = inspection.ok ? inspection.contentType : undefined;
  } else if (mime && ooxml.has(mime)) {
    inspection = inspectOfficeZip(bytes);
  }
  if (inspection && !inspection.ok) return inspection;
  if (!mime || !(mime in allowedAttachmentTypes)) {
    return { ok: false, code: 'ATTACHMENT_TYPE_NOT_ALLOWED', message: `不支持的文件内容（按内容识别，与扩展名无关）。允许：${allowedList()}` };
  }
  if (mime === 'application/pdf') {
    // A PDF that launches programs or carries files inside is no scan of a contract.
    const text = bytes.toString('latin1');
    if (/\/Launch\b/.test(text) || /\/EmbeddedFile\b/.test(text)) {
      return { ok: false, code: 'ATTACHMENT_ACTIVE_CONTENT', message: 'PDF 中含有启动程序的动作或内嵌文件，不允许上传；请打印为普通 PDF 后再上传' };
    }
  }
  return { ok: true, contentType: mime };
}
