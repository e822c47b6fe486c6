/**
 * Which files belong to which version of an article. Versions follow one another (a new version always starts from
 * the working one), so a file's versions are a range: [versionFrom, versionTo), versionTo null while it is still in
 * the working version. Only a draft's files change (files are part of what a reviewer approves and agents read).
 */
export type VersionedFile = { versionFrom: number; versionTo: number | null };

export const inVersion = (f: VersionedFile, version: number): boolean => f.versionFrom <= version && (f.versionTo === null || f.versionTo > version);

/** Each version's files, in the files' order. */
export function filesByVersion<F extends VersionedFile>(files: readonly F[], versions: readonly number[]): Map<number, F[]> {
  return new Map(versions.map((v) => [v, files.filter((f) => inVersion(f, v))]));
}

/** Whether the working version's files may change: only a draft's (not one in review, approved or published). */
export function filesLocked(status: string): { code: string; message: string } | null {
  if (status === 'draft') return null;
  return { code: 'KB_FILES_LOCKED', message: '附件随版本审核和发布：已提交审核或已发布的版本不能修改附件，请先保存为新草稿' };
}

/** What removing a file from draft `version` does: a file added in that draft goes; an older one ends there. */
export function removal(f: VersionedFile, version: number): 'delete' | 'end' {
  return f.versionFrom === version ? 'delete' : 'end';
}
