/** Why a blob was refused; the route maps each code to an HTTP status and the app to Russian. */
export type BlobErrorCode =
  'file_too_large' | 'workspace_quota_exceeded' | 'hash_mismatch' | 'type_mismatch' | 'empty_file';

export class BlobError extends Error {
  readonly code: BlobErrorCode;
  constructor(code: BlobErrorCode, message: string) {
    super(message);
    this.name = 'BlobError';
    this.code = code;
  }
}
