import type { DataSource, DeepPartial, EntityTarget, ObjectLiteral } from 'typeorm';
import { systemClock } from '../../server/src/common/clock';
import { runTransaction } from '../../server/src/db/database';
import { AssociateStatus } from '../../server/src/modules/associate/associate-enums';
import { ProfessionalAssociate } from '../../server/src/modules/associate/associate.entity';
import { ResearchProject } from '../../server/src/modules/research/research-project.entity';
import { researchSearchIndex } from '../../server/src/modules/research/research-search';
import type { ResearchStatus } from '../../server/src/modules/research/research-status';

/**
 * Inserts a row as the application writes: through an entity instance (so the timestamps are stamped) in a
 * transaction of the seam, which bumps the data version, so cached answers of the response cache do not outlive it.
 */
export function insert<T extends ObjectLiteral>(ds: DataSource, entity: EntityTarget<T>, values: DeepPartial<T>): Promise<T> {
  return runTransaction(ds, systemClock, (manager) => manager.save(manager.create(entity, values)));
}

let directLabels = 0;
/**
 * A label for a cohort written directly ("2040-2041", "2041-2042", ...): one counter for every arranger that
 * writes cohorts, so two of them in one test file never make the same label. The seed never uses these years,
 * and cohorts created through the API take theirs from 2100 on (cohort-workflow's freshLabel).
 */
export function directCohortLabel(): string {
  const year = 2040 + directLabels++;
  return `${year}-${year + 1}`;
}

export interface ResearchArrangement {
  cohortId: string;
  administrationId: string;
  fullName: string;
  title: string;
  abstract: string;
  status: ResearchStatus;
  publishedAt?: Date | null;
}

/** A new sample associate, ACTIVE, with no research yet. */
export function insertAssociate(ds: DataSource, a: Pick<ResearchArrangement, 'cohortId' | 'administrationId' | 'fullName'>) {
  return insert(ds, ProfessionalAssociate, {
    cohortId: a.cohortId,
    administrationId: a.administrationId,
    nominationId: null,
    fullName: a.fullName,
    email: null,
    phone: null,
    languages: ['en'],
    directorate: null,
    supervisorName: null,
    status: AssociateStatus.ACTIVE,
    startDate: null,
    endDate: null,
    isSampleData: true,
  });
}

/** A new sample associate with a research project, indexed for search like the service does. */
export async function insertAssociateWithResearch(ds: DataSource, a: ResearchArrangement) {
  const associate = await insertAssociate(ds, a);
  const research = await insert(ds, ResearchProject, {
    associateId: associate.uuid,
    title: a.title,
    abstract: a.abstract,
    status: a.status,
    reportUrl: null,
    presentedAtId: null,
    publishedAt: a.publishedAt ?? null,
  });
  await runTransaction(ds, systemClock, (manager) => researchSearchIndex.reindex(manager, [research.uuid]));
  return { associate, research };
}
