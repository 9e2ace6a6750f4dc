/**
 * Several Uzel instances behind nginx, as issue 15 deploys them: one PostgreSQL database of the
 * run's own (dropped at the end), one redis-server of the run's own on a free port (so a test may
 * kill and restart it; the machine's Redis is never touched), a throwaway certificate, and nginx
 * running deploy/nginx/uzel.conf. Everything listens on 127.0.0.1 and is stopped by `stop()`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '../unit/helpers/postgres.ts';
import { startRedis, type TestRedis } from '../unit/helpers/redisServer.ts';
import { selfSignedCertificate, type Certificate } from './certificate.ts';
import { freePort } from './freePort.ts';
import { defineInstance, type Instance } from './instances.ts';
import { startNginx, type Nginx } from './nginx.ts';

export type Cluster = {
  instances: Instance[];
  nginx: Nginx;
  redis: TestRedis;
  database: TestDatabase;
  certificate: Certificate;
  stop(): Promise<void>;
};

export async function startCluster(
  options: { instances?: number; env?: Record<string, string> } = {}
): Promise<Cluster> {
  const count = options.instances ?? 2;
  const root = mkdtempSync(path.join(tmpdir(), 'uzel-cluster-'));
  const cleanups: (() => Promise<void>)[] = [
    async () => rmSync(root, { recursive: true, force: true })
  ];
  const stop = async () => {
    // In reverse: nginx first, then the instances (they flush into PostgreSQL), then the services.
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  };
  try {
    const database = await createTestDatabase();
    cleanups.push(database.drop);
    const redis = await startRedis();
    cleanups.push(redis.stop);
    const instances: Instance[] = [];
    for (let index = 0; index < count; index++) {
      const instance = defineInstance({
        index,
        port: await freePort(),
        dataDir: path.join(root, `instance-${index}`),
        env: { DATABASE_URL: database.url, REDIS_URL: redis.url, ...options.env }
      });
      instances.push(instance);
    }
    cleanups.push(async () => {
      await Promise.all(instances.map((instance) => instance.stop()));
    });
    // One at a time: the first one migrates the fresh database, the others find it current.
    for (const instance of instances) await instance.start();
    const certificate = selfSignedCertificate(root);
    const nginx = await startNginx({
      prefix: path.join(root, 'nginx'),
      instancePorts: instances.map((instance) => instance.port),
      certificate
    });
    cleanups.push(nginx.stop);
    return { instances, nginx, redis, database, certificate, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
