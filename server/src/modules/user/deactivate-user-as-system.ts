import type { Clock } from "../../common/clock";
import type { Logger } from "../../common/logger";
import type { Database } from "../../db/database";
import { runMutation } from "../../graphql/mutations/run-mutation";
import type { UserError } from "../../graphql/mutations/user-error";
import type { User } from "./user.entity";
import type { DeactivateUserInput } from "./user.inputs";
import { systemContext } from "./create-user-as-system";
import { UserService } from "./user.service";

/** deactivateUser as a tool of the server runs it (see createUserAsSystem): same rules (the last ADMIN stays), sessions ended, audit entry. */
export function deactivateUserAsSystem(
  database: Database,
  clock: Clock,
  log: Logger,
  actorLabel: string,
  input: DeactivateUserInput,
): Promise<{ user: User | null; userErrors: UserError[] }> {
  return runMutation<
    DeactivateUserInput,
    { user: User | null; userErrors: UserError[] }
  >(
    systemContext(database, clock, log, actorLabel),
    input,
    (c, i) => new UserService().deactivate(c, i),
    {
      user: null,
    },
  );
}
