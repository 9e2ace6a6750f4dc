import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { cataloguePath } from './material.ts';
import { goneBody, shell } from './render/layout.ts';
import type { SiteSnapshot } from './SiteSnapshots.ts';

// What a public page answers, and how it goes on the wire: headers, ETag, 304, HEAD, streams.

/** No script at all, styles and images only from here, forms only to here. */
export const PAGE_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
/** The embed widget is made to be framed by other sites; everything else stays as strict. */
export const EMBED_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors *";

const ETAG_SLICE = 1024 * 1024;

export type Answer = {
  status: number;
  type: string;
  body: string | Buffer;
  headers?: Record<string, string>;
  etag?: string;
  /** A stored blob streamed instead of `body`; `headers` then carry its type and length. */
  stream?: () => Readable;
};

/** The same ETag as `etagOf`, hashed a megabyte per turn of the event loop. */
export async function slicedEtag(body: Buffer): Promise<string> {
  const hash = createHash('sha1');
  for (let at = 0; at < body.length; at += ETAG_SLICE) {
    if (at > 0) await nextTurn();
    hash.update(body.subarray(at, at + ETAG_SLICE));
  }
  return `"${hash.digest('base64url')}"`;
}

function etagOf(body: Buffer): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

export function html(status: number, body: string | Buffer): Answer {
  return { status, type: 'text/html; charset=utf-8', body };
}

export function xml(type: string, body: string): Answer {
  return { status: 200, type: `${type}; charset=utf-8`, body };
}

export function redirect(location: string): Answer {
  return { status: 301, type: 'text/plain; charset=utf-8', body: '', headers: { location } };
}

export function notFound(): Answer {
  const body = shell({ title: 'Страница не найдена', body: goneBody('Такой страницы нет') });
  return { ...html(404, body), headers: { 'cache-control': 'no-store' } };
}

export function gone(snapshot: SiteSnapshot): Answer {
  const body = shell({
    title: 'Материал снят с публикации',
    site: { title: snapshot.site.title, href: cataloguePath(snapshot.site) },
    body: goneBody('Материал снят с публикации', cataloguePath(snapshot.site))
  });
  return { ...html(410, body), headers: { 'cache-control': 'no-store' } };
}

export function send(req: IncomingMessage, res: ServerResponse, answer: Answer): void {
  if (res.headersSent || res.destroyed) return;
  const body = typeof answer.body === 'string' ? Buffer.from(answer.body) : answer.body;
  const etag = answer.etag ?? (answer.status === 200 ? etagOf(body) : undefined);
  const headers: Record<string, string> = {
    'content-type': answer.type,
    'content-security-policy': PAGE_CSP,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'strict-origin-when-cross-origin',
    // Revalidated on every view (cheap with the ETag), so taking a material down shows at once.
    'cache-control': 'public, max-age=0, must-revalidate',
    ...answer.headers
  };
  if (headers['content-security-policy'] === EMBED_CSP) delete headers['x-frame-options'];
  if (etag) headers.etag = etag;
  if (etag && req.headers['if-none-match'] === etag) {
    delete headers['content-length'];
    res.writeHead(304, headers).end();
    return;
  }
  if (answer.stream !== undefined) {
    res.writeHead(answer.status, headers);
    if (req.method === 'HEAD') res.end();
    else
      answer
        .stream()
        .on('error', () => res.destroy())
        .pipe(res);
    return;
  }
  headers['content-length'] = String(body.length);
  res.writeHead(answer.status, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}
