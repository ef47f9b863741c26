import { randomUUID } from "node:crypto";
import { ephemeralAuthSettings } from "../../auth/setup";
import type { Clock } from "../../common/clock";
import type { Logger } from "../../common/logger";
import type { Database } from "../../db/database";
import { createRequestContext } from "../../graphql/context";
import { runMutation } from "../../graphql/mutations/run-mutation";
import type { UserError } from "../../graphql/mutations/user-error";
import type { User } from "./user.entity";
import type { CreateUserInput } from "./user.inputs";
import { UserService } from "./user.service";

/**
 * The request context of a tool of the server (`actorLabel`, e.g.
 * "system:cli"): no viewer, its own request id. No session is started and no
 * account link issued (the tools set passwords), so the pepper and the
 * throttle are never used.
 */
export function systemContext(
  database: Database,
  clock: Clock,
  log: Logger,
  actorLabel: string,
) {
  return createRequestContext({
    requestId: `${actorLabel}-${randomUUID()}`,
    database,
    clock,
    log,
    viewer: null,
    auth: ephemeralAuthSettings(),
    actorLabel,
  });
}

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
  return runMutation<
    CreateUserInput,
    { user: User | null; userErrors: UserError[] }
  >(
    systemContext(database, clock, log, actorLabel),
    input,
    (c, i) => new UserService().create(c, i),
    {
      user: null,
    },
  );
}
