import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';

/**
 * The one file an upload route takes: the part named `file`, as the web and the API description send it. The first
 * file part was taken whatever its name ("upload", "attachment"); a part under another name is now no file for the
 * route, which answers "缺少文件" as for none. Its bytes are read off and dropped so that the request can end.
 */
export async function filePart(req: FastifyRequest): Promise<MultipartFile | undefined> {
  const file = await req.file();
  if (!file || file.fieldname === 'file') return file;
  file.file.resume();
  return undefined;
}
