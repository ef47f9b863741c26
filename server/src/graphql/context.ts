import type { DataSource } from 'typeorm';
import type { Clock } from '../common/clock';
import type { Logger } from '../common/logger';
import type { Viewer } from '../modules/user/viewer';
import { Loaders } from './loaders';

/** Everything a resolver or service needs about the current request; services take it first. */
export interface RequestContext {
  requestId: string;
  dataSource: DataSource;
  clock: Clock;
  log: Logger;
  viewer: Viewer | null;
  loaders: Loaders;
}

export function createRequestContext(args: {
  requestId: string;
  dataSource: DataSource;
  clock: Clock;
  log: Logger;
  viewer?: Viewer | null;
}): RequestContext {
  return { ...args, viewer: args.viewer ?? null, loaders: new Loaders(args.dataSource) };
}
