import { fileTypeFromBuffer } from 'file-type';

/** What may be attached: recordings, photos, scans, office documents and PDFs — checked by content, not by name. */
export const allowedAttachmentTypes: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG 图片',
  'image/png': 'PNG 图片',
  'image/webp': 'WebP 图片',
  'image/heic': 'HEIC 图片',
  'audio/mpeg': 'MP3 录音',
  'audio/wav': 'WAV 录音',
  'audio/x-wav': 'WAV 录音',
  'audio/amr': 'AMR 录音',
  'audio/mp4': 'M4A 录音',
  'audio/x-m4a': 'M4A 录音',
  'video/mp4': 'MP4 视频',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word 文档',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel 表格',
  'application/x-cfb': 'Office 97-2003 文档',
};

export const maxAttachmentBytes = 20 * 1024 * 1024;

/** The detected MIME type, or null when the content is not one of the allowed kinds (whatever its file name says). */
export async function detectAttachmentType(bytes: Buffer): Promise<string | null> {
  const detected = await fileTypeFromBuffer(bytes);
  if (!detected) return null;
  return detected.mime in allowedAttachmentTypes ? detected.mime : null;
}
