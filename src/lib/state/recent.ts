/** Recently opened documents, per device and workspace (local, so nothing to sync). */
const MAX_RECENT = 8;
const key = (workspaceId: string) => `uzel:recent:${workspaceId}`;

export function recentIds(workspaceId: string): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(key(workspaceId)) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

export function rememberOpened(workspaceId: string, docId: string): void {
  const next = [docId, ...recentIds(workspaceId).filter((id) => id !== docId)].slice(0, MAX_RECENT);
  try {
    localStorage.setItem(key(workspaceId), JSON.stringify(next));
  } catch {
    // Without storage there is just no "recent" list.
  }
}
