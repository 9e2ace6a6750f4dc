import { z } from 'zod';
import { LICENCE_IDS } from '../../../src/lib/shared/api/licences.ts';
import type { Publishing } from '../../publishing/Publishing.ts';
import { PublishingError } from '../../publishing/PublishingError.ts';
import { ApiError } from '../ApiError.ts';
import { route, signedIn, type ApiContext, type Reply, type Route } from '../route.ts';

const licenceSchema = z.enum(LICENCE_IDS as [string, ...string[]]);
const publishBody = z.object({ licence: licenceSchema.optional() }).strict();
const settingsBody = z
  .object({
    slug: z.string().max(40).optional(),
    title: z.string().trim().min(1).max(120).optional(),
    defaultLicence: licenceSchema.optional()
  })
  .strict();
const publisherBody = z.object({ publisher: z.boolean() }).strict();

/** Publishing's refusals in the API's error shape. */
function guarded<B>(handle: (ctx: ApiContext<B>) => Reply | Promise<Reply>) {
  return async (ctx: ApiContext<B>): Promise<Reply> => {
    try {
      return await handle(ctx);
    } catch (err) {
      if (err instanceof PublishingError) throw new ApiError(err.status, err.code, err.message);
      throw err;
    }
  };
}

/**
 * Proposing, publishing and taking down documents, and a workspace's publishing settings. Who may
 * do what is decided in `Publishing`; these only read the request and shape the answer.
 */
export function publishingRoutes(publishing: Publishing): Route[] {
  const base = '/api/workspaces/:id';
  const doc = `${base}/publications/:docId`;
  return [
    route(
      'GET',
      `${base}/publishing`,
      guarded(async (ctx) => {
        const me = signedIn(ctx);
        return {
          status: 200,
          body: { settings: await publishing.settings(me.id, ctx.params.id!) }
        };
      })
    ),
    route(
      'PATCH',
      `${base}/publishing`,
      guarded<z.infer<typeof settingsBody>>(async (ctx) => {
        const me = signedIn(ctx);
        const settings = await publishing.updateSettings(me.id, ctx.params.id!, ctx.body);
        return { status: 200, body: { settings } };
      }),
      settingsBody
    ),
    route(
      'PATCH',
      `${base}/publishing/publishers/:userId`,
      guarded<z.infer<typeof publisherBody>>(async (ctx) => {
        const me = signedIn(ctx);
        await publishing.setPublisher(
          me.id,
          ctx.params.id!,
          ctx.params.userId!,
          ctx.body.publisher
        );
        return {
          status: 200,
          body: { settings: await publishing.settings(me.id, ctx.params.id!) }
        };
      }),
      publisherBody
    ),
    route(
      'GET',
      `${base}/publications`,
      guarded(async (ctx) => {
        const me = signedIn(ctx);
        return {
          status: 200,
          body: { publications: await publishing.list(me.id, ctx.params.id!) }
        };
      })
    ),
    route(
      'GET',
      doc,
      guarded(async (ctx) => {
        const me = signedIn(ctx);
        const { id, docId } = ctx.params as { id: string; docId: string };
        return { status: 200, body: { publication: await publishing.status(me.id, id, docId) } };
      })
    ),
    route(
      'POST',
      `${doc}/propose`,
      guarded(async (ctx) => {
        const me = signedIn(ctx);
        const { id, docId } = ctx.params as { id: string; docId: string };
        return { status: 200, body: { publication: await publishing.propose(me.id, id, docId) } };
      })
    ),
    route(
      'POST',
      `${doc}/publish`,
      guarded<z.infer<typeof publishBody>>(async (ctx) => {
        const me = signedIn(ctx);
        const { id, docId } = ctx.params as { id: string; docId: string };
        const publication = await publishing.publish(me.id, id, docId, ctx.body.licence);
        return { status: 200, body: { publication } };
      }),
      publishBody
    ),
    route(
      'POST',
      `${doc}/unpublish`,
      guarded(async (ctx) => {
        const me = signedIn(ctx);
        const { id, docId } = ctx.params as { id: string; docId: string };
        return { status: 200, body: { publication: await publishing.unpublish(me.id, id, docId) } };
      })
    )
  ];
}
