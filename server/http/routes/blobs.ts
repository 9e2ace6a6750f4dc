import { BlobError, type BlobErrorCode } from '../../blobs/BlobError.ts';
import { SHA256_PATTERN, type BlobMeta, type BlobStore } from '../../blobs/BlobStore.ts';
import { blobHeaders } from '../../blobs/blobHeaders.ts';
import { mediaType, servedType } from '../../blobs/sniff.ts';
import { ApiError } from '../ApiError.ts';
import { requireRole, type Refusal } from '../roleGuard.ts';
import { route, type ApiContext, type ApiDeps, type Reply, type Route } from '../route.ts';

const BLOB_STATUS: Record<BlobErrorCode, number> = {
  file_too_large: 413,
  workspace_quota_exceeded: 413,
  hash_mismatch: 400,
  type_mismatch: 415,
  empty_file: 400
};

/** A year: the address names the content, so what is behind it never changes. */
const IMMUTABLE = 'private, max-age=31536000, immutable';

/** The app tells a viewer by this code that the workspace is read-only for them. */
const READ_ONLY: Refusal = {
  code: 'read_only',
  message: 'A viewer cannot add files to this workspace.'
};

/**
 * Files of documents. Members read; owners and editors write. A blob is never served as active
 * content (see `blobHeaders`). Published files have their own route on the public side.
 */
export function blobRoutes(deps: ApiDeps, blobs: BlobStore): Route[] {
  const { accounts } = deps;

  async function member(
    ctx: ApiContext<unknown>,
    needed: 'viewer' | 'editor' = 'viewer'
  ): Promise<{ workspaceId: string; hash: string }> {
    const { workspaceId } = await requireRole(accounts, ctx, needed, READ_ONLY);
    const hash = ctx.params.sha256!;
    if (!SHA256_PATTERN.test(hash)) {
      throw new ApiError(400, 'invalid_hash', 'The address must end in a lowercase SHA-256 hash.');
    }
    return { workspaceId, hash };
  }

  async function found(workspaceId: string, hash: string): Promise<BlobMeta> {
    const meta = await blobs.meta(workspaceId, hash);
    if (!meta) throw new ApiError(404, 'blob_not_found', 'This file is not on the server yet.');
    return meta;
  }

  function serve(meta: BlobMeta): Reply {
    return {
      status: 200,
      stream: () => blobs.read(meta.hash),
      headers: blobHeaders(meta, IMMUTABLE)
    };
  }

  const path = '/api/workspaces/:id/blobs/:sha256';
  return [
    route('GET', path, async (ctx) => {
      const { workspaceId, hash } = await member(ctx);
      return serve(await found(workspaceId, hash));
    }),

    route('HEAD', path, async (ctx) => {
      const { workspaceId, hash } = await member(ctx);
      return serve(await found(workspaceId, hash));
    }),

    {
      ...route('PUT', path, async (ctx) => {
        const { workspaceId, hash } = await member(ctx, 'editor');
        const length = ctx.req.headers['content-length'];
        try {
          const { created, meta } = await blobs.put({
            workspaceId,
            hash,
            declaredType: mediaType(ctx.req.headers['content-type']),
            declaredLength: length !== undefined && /^\d+$/.test(length) ? Number(length) : null,
            uploadedBy: ctx.user!.id,
            body: ctx.req
          });
          return {
            status: created ? 201 : 200,
            body: { hash: meta.hash, size: meta.size, type: servedType(meta.sniffedType) }
          };
        } catch (error) {
          if (error instanceof BlobError) {
            throw new ApiError(BLOB_STATUS[error.code], error.code, error.message);
          }
          // A closed laptop or a lost network cuts uploads off all the time: not a server fault.
          if (!ctx.req.complete) {
            deps.log.info('upload aborted by the client', { workspaceId });
            throw new ApiError(400, 'upload_aborted', 'The upload ended before all of it arrived.');
          }
          throw error;
        }
      }),
      rawBody: true
    }
  ];
}
