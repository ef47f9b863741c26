import { randomUUID } from 'node:crypto';
import { ephemeralAuthSettings } from '../../auth/setup';
import type { Clock } from '../../common/clock';
import type { Logger } from '../../common/logger';
import type { Database } from '../../db/database';
import { createRequestContext } from '../../graphql/context';
import { runMutation } from '../../graphql/mutations/run-mutation';
import type { UserError } from '../../graphql/mutations/user-error';
import type { User } from './user.entity';
import type { DeactivateUserInput } from './user.inputs';
import { UserService } from './user.service';

/** deactivateUser as a tool of the server runs it (see createUserAsSystem): same rules (the last ADMIN stays), sessions ended, audit entry. */
export function deactivateUserAsSystem(
  database: Database,
  clock: Clock,
  log: Logger,
  actorLabel: string,
  input: DeactivateUserInput,
): Promise<{ user: User | null; userErrors: UserError[] }> {
  const ctx = createRequestContext({
    requestId: `${actorLabel}-${randomUUID()}`,
    database,
    clock,
    log,
    viewer: null,
    auth: ephemeralAuthSettings(),
    actorLabel,
  });
  return runMutation<DeactivateUserInput, { user: User | null; userErrors: UserError[] }>(ctx, input, (c, i) => new UserService().deactivate(c, i), {
    user: null,
  });
}
