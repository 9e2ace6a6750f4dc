import { z } from 'zod';
import { History, HistoryError } from '../../history/History.ts';
import { ApiError } from '../ApiError.ts';
import { route, signedIn, type ApiContext, type Reply, type Route } from '../route.ts';

export const VERSION_NAME_MAX = 120;
const saveBody = z
  .object({ name: z.string().trim().min(1, 'give the version a name').max(VERSION_NAME_MAX) })
  .strict();

function guarded<B>(handle: (ctx: ApiContext<B>) => Reply | Promise<Reply>) {
  return async (ctx: ApiContext<B>): Promise<Reply> => {
    try {
      return await handle(ctx);
    } catch (err) {
      if (err instanceof HistoryError) throw new ApiError(err.status, err.code, err.message);
      throw err;
    }
  };
}

/** Version ids are positive whole numbers; anything else names no version. */
function versionId(raw: string): number {
  const id = /^[1-9][0-9]{0,15}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id)) {
    throw new ApiError(404, 'not_found', 'No such version of this document.');
  }
  return id;
}

/** Listing, reading and naming versions of a document (who may do what is in `History`). */
export function historyRoutes(history: History): Route[] {
  const versions = '/api/workspaces/:id/documents/:docId/versions';
  return [
    route(
      'GET',
      versions,
      guarded(async (ctx) => {
        const me = signedIn(ctx);
        const { id, docId } = ctx.params as { id: string; docId: string };
        return { status: 200, body: { versions: await history.list(me.id, id, docId) } };
      })
    ),
    route(
      'GET',
      `${versions}/:versionId`,
      guarded(async (ctx) => {
        const me = signedIn(ctx);
        const { id, docId, versionId: raw } = ctx.params as Record<string, string>;
        const version = await history.get(me.id, id!, docId!, versionId(raw!));
        return { status: 200, body: version.state };
      })
    ),
    route(
      'POST',
      versions,
      guarded<z.infer<typeof saveBody>>(async (ctx) => {
        const me = signedIn(ctx);
        const { id, docId } = ctx.params as { id: string; docId: string };
        const version = await history.saveNamed(me.id, id, docId, ctx.body.name);
        return { status: 201, body: { version } };
      }),
      saveBody
    )
  ];
}
