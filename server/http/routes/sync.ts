import { canWrite } from '../../accounts/types.ts';
import { ReadOnlyBatchError, RefusedBatchError } from '../../relay/BatchSync.ts';
import {
  BatchFormatError,
  decodeBatchRequest,
  encodeBatchResponse,
  MAX_BATCH_BYTES,
  SYNC_BATCH_CONTENT_TYPE
} from '../../../src/lib/shared/protocol/syncBatch.ts';
import { ApiError } from '../ApiError.ts';
import { requireRole } from '../roleGuard.ts';
import { binaryRoute, route, type ApiDeps, type Route } from '../route.ts';

/** A clock is a SQLite rowid: a non-negative integer well inside the safe range. */
const CLOCK = /^\d{1,15}$/;
const LIMIT = /^\d{1,4}$/;
const DEFAULT_LIMIT = 1000;

/**
 * Offline-complete sync of a whole workspace: which rooms changed after a client's clock, and a
 * batch exchange of many rooms in one request. Members only; viewers may read, not write.
 */
export function syncRoutes(deps: ApiDeps): Route[] {
  const { accounts, log } = deps;

  function service() {
    if (!deps.sync) {
      throw new ApiError(503, 'sync_unavailable', 'This server does not hold documents.');
    }
    return deps.sync;
  }

  return [
    route('GET', '/api/workspaces/:id/changes', async (ctx) => {
      const { workspaceId } = await requireRole(accounts, ctx);
      const query = new URL(ctx.req.url ?? '/', 'http://api.invalid').searchParams;
      const since = query.get('since') ?? '0';
      const limit = query.get('limit') ?? String(DEFAULT_LIMIT);
      if (!CLOCK.test(since)) {
        throw new ApiError(400, 'invalid_input', '"since" must be a clock (a whole number).');
      }
      if (!LIMIT.test(limit) || Number(limit) < 1) {
        throw new ApiError(400, 'invalid_input', '"limit" must be a whole number from 1.');
      }
      const changes = await service().changes(workspaceId, Number(since), Number(limit));
      return { status: 200, body: changes };
    }),

    binaryRoute(
      'POST',
      '/api/workspaces/:id/sync',
      { contentType: SYNC_BATCH_CONTENT_TYPE, maxBytes: MAX_BATCH_BYTES },
      async (ctx) => {
        // Viewers may sync too: what they send is refused entry by entry, what they lack arrives.
        const { workspaceId, role, me } = await requireRole(accounts, ctx);
        try {
          const entries = decodeBatchRequest(ctx.body);
          const answers = await service().exchange(workspaceId, entries, canWrite(role), me.id);
          const written = entries.filter((e) => e.update).length;
          if (written > 0) {
            log.debug('batch sync wrote', { workspaceId, rooms: written, userId: ctx.user?.id });
          }
          return {
            status: 200,
            body: encodeBatchResponse(answers),
            headers: { 'content-type': SYNC_BATCH_CONTENT_TYPE }
          };
        } catch (error) {
          if (error instanceof BatchFormatError) {
            throw new ApiError(400, 'invalid_batch', error.message);
          }
          if (error instanceof RefusedBatchError) {
            // 413 like the files' quota, 503 while storage cannot write; the others are data
            // this document cannot take.
            const status =
              error.code === 'workspace_quota_exceeded'
                ? 413
                : error.code === 'storage_read_only'
                  ? 503
                  : 422;
            throw new ApiError(status, error.code, error.message);
          }
          if (error instanceof ReadOnlyBatchError) {
            throw new ApiError(403, 'read_only', error.message);
          }
          throw error;
        }
      }
    )
  ];
}
