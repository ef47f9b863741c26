import type { RequestContext } from '../../graphql/context';
import { ProfessionalAssociate } from '../associate/associate.entity';
import { countedAssociateSql } from '../associate/counted-associates';

/**
 * The seats a cohort's counted associates take (counted-associates.ts, the
 * definition COHORT_FULL uses), one grouped statement for every cohort of
 * the request.
 */
export function seatsTaken(ctx: RequestContext, cohortId: string): Promise<number> {
  return ctx.loaders.countBy(ProfessionalAssociate, 'cohortId', 'counted-associates', countedAssociateSql('c.status')).load(cohortId);
}
