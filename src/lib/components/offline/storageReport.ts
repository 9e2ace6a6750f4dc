/** Used share of the quota above which the person is warned, before writes start failing. */
export const NEAR_QUOTA = 0.9;

export type StorageReport = {
  usage: number;
  /** 0 when the browser does not say. */
  quota: number;
  persisted: boolean;
  nearQuota: boolean;
};

/**
 * Asks for persistent storage once (Chromium grants it to an installed or much-used app without
 * asking; Firefox asks the person), then reads the estimate. Without persistence the browser
 * may evict the whole workspace under storage pressure, which for an offline tablet is data loss.
 */
export async function readStorage(): Promise<StorageReport> {
  const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  if (!storage?.estimate) return { usage: 0, quota: 0, persisted: false, nearQuota: false };
  let persisted = false;
  try {
    persisted = (await storage.persisted?.()) ?? false;
    if (!persisted && storage.persist) persisted = await storage.persist();
  } catch {
    persisted = false;
  }
  const { usage = 0, quota = 0 } = await storage.estimate().catch(() => ({ usage: 0, quota: 0 }));
  return { usage, quota, persisted, nearQuota: quota > 0 && usage / quota >= NEAR_QUOTA };
}
