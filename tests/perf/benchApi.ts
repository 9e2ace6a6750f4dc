/** The JSON API as the publishing benchmarks call it: one request, and the session cookie kept. */
export async function api(url: string, cookie: string | null, method: string, body?: unknown) {
  const res = await fetch(url, {
    method,
    headers: {
      ...(cookie ? { cookie } : {}),
      ...(method !== 'GET'
        ? { 'content-type': 'application/json', origin: new URL(url).origin }
        : {})
    },
    body: method !== 'GET' ? JSON.stringify(body ?? {}) : undefined
  });
  const setCookie = res.headers.get('set-cookie')?.split(';')[0] ?? cookie;
  return {
    status: res.status,
    json: (await res.json().catch(() => null)) as any,
    cookie: setCookie
  };
}

/**
 * The benchmark's one person, registered (which signs nobody in) and then signed in, owning a new
 * workspace: its session cookie and the workspace's id.
 */
export async function benchOwner(base: string): Promise<{ cookie: string; workspaceId: string }> {
  const credentials = { email: 'bench@example.org', password: 'пароль-для-замера' };
  const reg = await api(`${base}/api/auth/register`, null, 'POST', {
    ...credentials,
    displayName: 'Замер'
  });
  if (reg.status !== 202) throw new Error(`register answered ${reg.status}`);
  const login = await api(`${base}/api/auth/login`, null, 'POST', credentials);
  if (!login.cookie) throw new Error(`sign-in answered ${login.status}`);
  const ws = await api(`${base}/api/workspaces`, login.cookie, 'POST', {
    name: 'Сеть учреждений'
  });
  return { cookie: login.cookie, workspaceId: ws.json.workspace.id as string };
}
