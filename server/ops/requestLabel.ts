import type { ApiRouter } from '../http/ApiRouter.ts';

const OPS_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * The `route` label of an HTTP request in metrics: the API route's pattern, the public pages as
 * one, the web app's files as one. Never the raw path: ids and tokens in it would make a time
 * series per document (and put feed tokens into the metrics).
 */
export function requestRouteLabel(method: string, pathname: string, api: ApiRouter): string {
  if (OPS_PATHS.has(pathname)) return pathname;
  if (pathname.startsWith('/api/')) return api.routeLabel(method, pathname) ?? '/api (no route)';
  if (pathname.startsWith('/p/') || pathname === '/p') return '/p';
  if (pathname.startsWith('/sync/')) return '/sync';
  return 'app';
}
