import type { AccessControl } from '../accounts/types.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { WindowLimitFactory } from '../http/RateLimiter.ts';
import type { Fanout } from './Fanout.ts';
import { LocalFanout } from './LocalFanout.ts';
import type { ConnectionCap } from './SharedConnectionCap.ts';
import type { PersonByteBudget } from '../relay/ByteBudget.ts';
import { sharedAccess } from './sharedAccess.ts';

/** What the composition root gets for the configured fan-out. */
export type FanoutServices = {
  fanout: Fanout;
  /** The access control the relay follows: account events from every instance. */
  access: AccessControl;
  /** Counts connections across instances; null on a single instance (the relay counts alone). */
  connectionCap: ConnectionCap | null;
  /** Where the sign-in and calendar-feed limits count; undefined: in this process's memory. */
  limits: WindowLimitFactory | undefined;
  /** Where a person's write bytes count; undefined: in the relay's memory. */
  personByteBudget: ((perSecond: number, burst: number) => PersonByteBudget) | undefined;
  close(): Promise<void>;
};

/** The local engine without `REDIS_URL`; with it, Redis pub/sub and Redis-held counters. */
export async function openFanout(
  config: Pick<Config, 'redisUrl' | 'maxConnectionsPerUser'>,
  access: AccessControl,
  log: Logger
): Promise<FanoutServices> {
  if (!config.redisUrl) {
    const fanout = new LocalFanout();
    return {
      fanout,
      access,
      connectionCap: null,
      limits: undefined,
      personByteBudget: undefined,
      close: () => fanout.close()
    };
  }
  // Loaded only with Redis: ioredis and rate-limiter-flexible cost an instance alone ~10 MB RSS.
  const [
    { RedisFanout },
    { redisWindowLimits },
    { RedisConnectionCap },
    { SharedPersonByteBudget }
  ] = await Promise.all([
    import('./RedisFanout.ts'),
    import('./RedisWindowLimit.ts'),
    import('./SharedConnectionCap.ts'),
    import('./SharedPersonByteBudget.ts')
  ]);
  const fanout = await RedisFanout.connect(config.redisUrl, log);
  const shared = sharedAccess(access, fanout);
  const connectionCap = new RedisConnectionCap(
    fanout.commands,
    fanout.instanceId,
    config.maxConnectionsPerUser,
    log
  );
  return {
    fanout,
    access: shared.access,
    connectionCap,
    limits: redisWindowLimits(fanout.commands, log),
    personByteBudget: (perSecond, burst) =>
      new SharedPersonByteBudget(fanout.commands, perSecond, burst, log),
    close: async () => {
      shared.stop();
      await connectionCap.close();
      await fanout.close();
    }
  };
}
