import type { RequestContext } from '../../graphql/context';
import { lockForUpdate } from '../../db/database';
import { fail } from '../../graphql/mutations/user-error';
import { toGlobalId } from '../../graphql/relay/global-id';
import { recordEvent } from '../../outbox/record-event';
import { UserErrorCode } from '../../graphql/mutations/user-error-code';
import { audit, changedFields } from '../audit/audit.service';
import { assertActsFor } from '../associate/associate-ownership';
import { ResearchProject } from './research-project.entity';
import { researchSearchIndex } from './research-search';
import type { ResearchStatus } from './research-status';
import { ResearchTheme } from './research-theme.entity';

/** What the audit log keeps of a research project: the fields its workflow changes. */
export const auditedResearch = (r: ResearchProject, themes: string[]) => ({
  title: r.title,
  abstract: r.abstract,
  themes,
  status: r.status,
  reportUrl: r.reportUrl,
  presentedAtId: r.presentedAtId,
  publishedAt: r.publishedAt,
});

/**
 * The research a mutation acts on, locked until the transaction ends, once
 * the viewer is known to act for its associate (ADMIN, or the associate).
 * Every write to a project or its milestones locks the project first, so
 * they serialise in one order.
 */
export async function lockResearch(tx: RequestContext, uuid: string, field = 'researchId'): Promise<ResearchProject> {
  const research = await tx.db.findOne(ResearchProject, { where: { uuid }, lock: lockForUpdate(tx.db) });
  if (!research) fail(UserErrorCode.RESEARCH_NOT_FOUND, 'No research project has this ID.', field);
  assertActsFor(tx, research.associateId, 'this research project');
  return research;
}

export async function themesOf(tx: RequestContext, researchId: string): Promise<string[]> {
  const rows = await tx.db.find(ResearchTheme, { where: { researchProjectId: researchId }, order: { position: 'ASC' } });
  return rows.map((r) => r.theme);
}

/** Replaces every theme of the project, positions 0.. in the given order (most central first). */
export async function replaceThemes(tx: RequestContext, researchId: string, themes: string[]): Promise<string[]> {
  await tx.db.delete(ResearchTheme, { researchProjectId: researchId });
  await tx.db.insert(
    ResearchTheme,
    themes.map((theme, position) => ({ researchProjectId: researchId, theme, position })),
  );
  return themes;
}

/** Refuses a step whose starting status is not the research's, naming the status it has. */
export function assertStatus(research: ResearchProject, from: ResearchStatus, step: string): void {
  if (research.status !== from) {
    fail(UserErrorCode.INVALID_RESEARCH_STATUS, `The research is ${research.status}; ${step} needs it ${from}.`, 'researchId');
  }
}

/**
 * Saves a status step (and whatever else changed), keeps the search index in
 * step inside the same transaction, and writes the audit entry.
 */
export async function saveResearchChange(
  tx: RequestContext,
  operation: string,
  research: ResearchProject,
  before: ReturnType<typeof auditedResearch>,
  themes: string[],
): Promise<void> {
  await tx.db.save(research);
  await researchSearchIndex.reindex(tx.db, [research.uuid]);
  const change = changedFields(before, auditedResearch(research, themes));
  if (Object.keys(change.after).length) {
    await audit(tx, { operation, entityType: 'ResearchProject', entityId: research.uuid, ...change });
  }
}

/** Tells live subscribers (researchChanged) of a change other than approval, once it commits. */
export async function researchUpdated(tx: RequestContext, research: ResearchProject, change: string): Promise<void> {
  await recordEvent(tx, 'ResearchUpdated', {
    researchId: toGlobalId('ResearchProject', research.uuid),
    associateId: toGlobalId('ProfessionalAssociate', research.associateId),
    change,
  });
}
