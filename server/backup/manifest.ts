import { z } from 'zod';

/** The archive's table of contents, its first entry: what a restore checks every byte against. */
export const MANIFEST_NAME = 'uzel-backup.json';
/** Every stored file sits under this folder in the archive, as it sits in DATA_DIR. */
export const DATA_PREFIX = 'data/';
export const MANIFEST_FORMAT = 'uzel-backup';
export const MANIFEST_VERSION = 1;

const SHA256 = /^[0-9a-f]{64}$/;
/** A relative path of plain segments: nothing a restore could write outside the data folder. */
const SAFE_PATH = /^(?!.*(^|\/)\.\.?(\/|$))[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;

const entry = z
  .object({
    path: z.string().regex(SAFE_PATH, 'must be a plain relative path'),
    /** `sqlite`: copied through SQLite's online backup; `file`: copied as it is. */
    kind: z.enum(['sqlite', 'file']),
    bytes: z.number().int().nonnegative(),
    sha256: z.string().regex(SHA256, 'must be a SHA-256 in hex')
  })
  .strict();

export const manifestSchema = z
  .object({
    format: z.literal(MANIFEST_FORMAT),
    version: z.number().int().positive(),
    createdAt: z.string(),
    files: z.array(entry)
  })
  .strict();

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestEntry = z.infer<typeof entry>;

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

export function parseManifest(text: string): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BackupError(`${MANIFEST_NAME} in the archive is not JSON: not an Uzel backup`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BackupError(
      `${MANIFEST_NAME} in the archive is not an Uzel backup manifest (${issue.path.join('.') || 'top'}: ${issue.message})`
    );
  }
  if (parsed.data.version > MANIFEST_VERSION)
    throw new BackupError(
      `The backup was made by a newer Uzel (backup format ${parsed.data.version}, this one reads ${MANIFEST_VERSION}); restore it with that version`
    );
  return parsed.data;
}
