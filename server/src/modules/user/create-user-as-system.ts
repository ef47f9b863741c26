import { randomUUID } from 'node:crypto';
import { ephemeralAuthSettings } from '../../auth/setup';
import type { Clock } from '../../common/clock';
import type { Logger } from '../../common/logger';
import type { Database } from '../../db/database';
import { createRequestContext } from '../../graphql/context';
import { runMutation } from '../../graphql/mutations/run-mutation';
import type { UserError } from '../../graphql/mutations/user-error';
import type { User } from './user.entity';
import type { CreateUserInput } from './user.inputs';
import { UserService } from './user.service';

/**
 * createUser as a tool of the server runs it (`actorLabel`, e.g.
 * "system:cli"): the same input validation, rules, transaction and audit
 * entry as the mutation, without a signed-in ADMIN.
 */
export function createUserAsSystem(
  database: Database,
  clock: Clock,
  log: Logger,
  actorLabel: string,
  input: CreateUserInput,
): Promise<{ user: User | null; userErrors: UserError[] }> {
  const ctx = createRequestContext({
    requestId: `${actorLabel}-${randomUUID()}`,
    database,
    clock,
    log,
    viewer: null,
    // No session is started, so the pepper and throttle are never used.
    auth: ephemeralAuthSettings(),
    actorLabel,
  });
  return runMutation<CreateUserInput, { user: User | null; userErrors: UserError[] }>(ctx, input, (c, i) => new UserService().create(c, i), {
    user: null,
  });
}
