import { randomUUID } from 'node:crypto';
import { Between, In, IsNull } from 'typeorm';
import type { AuthSettings } from '../auth/auth-settings';
import { isoDate, type Clock } from '../common/clock';
import type { Logger } from '../common/logger';
import type { Database } from '../db/database';
import { createRequestContext, type RequestContext } from '../graphql/context';
import { toGlobalId } from '../graphql/relay/global-id';
import { withTransaction } from '../graphql/transaction';
import { CohortStatus } from '../modules/cohort/cohort-status';
import { Cohort } from '../modules/cohort/cohort.entity';
import { Milestone } from '../modules/research/milestone.entity';
import { ResearchProject } from '../modules/research/research-project.entity';
import { ResearchStatus } from '../modules/research/research-status';
import type { EventPayloads } from './event-catalogue';
import { OutboxEvent } from './outbox-event.entity';
import { recordEvent } from './record-event';

/** Deadline reminders go 7 days and 1 day before the last day nominations are accepted. */
export const DEADLINE_REMINDER_DAYS = [7, 1] as const;
/** A milestone is announced this many days before it is due. */
export const MILESTONE_NOTICE_DAYS = 7;
/**
 * An overdue milestone is told once, if it fell due within this many days:
 * a server started on an old database does not write about milestones
 * missed years ago.
 */
export const OVERDUE_LOOKBACK_DAYS = 30;

const DAY_MS = 86_400_000;
/** Whole days from calendar day `from` to `to` (YYYY-MM-DD, UTC). */
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
const shiftDay = (day: string, days: number) => isoDate(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS));

type Reminder = { [T in 'NominationDeadlineApproaching' | 'MilestoneDue']: { type: T; payload: EventPayloads[T]; key: string } }[
  'NominationDeadlineApproaching' | 'MilestoneDue'
];

/**
 * The reminders due on `today`, computed from the data alone: each has a key
 * that names the reminder itself (what, which date, which kind), never the
 * day it was found on, so every look that finds it names it alike.
 */
export async function dueReminders(tx: RequestContext, today: string): Promise<Reminder[]> {
  const reminders: Reminder[] = [];
  const cohorts = await tx.db.find(Cohort, { where: { status: CohortStatus.NOMINATIONS_OPEN }, order: { uuid: 'ASC' } });
  for (const cohort of cohorts) {
    if (!cohort.nominationDeadline) continue;
    const daysLeft = daysBetween(today, cohort.nominationDeadline);
    // The nearest reminder whose day has come; an earlier one not sent in time is not sent late.
    const daysBefore = [...DEADLINE_REMINDER_DAYS].reverse().find((days) => daysLeft >= 0 && daysLeft <= days);
    if (daysBefore === undefined) continue;
    reminders.push({
      type: 'NominationDeadlineApproaching',
      payload: { cohortId: toGlobalId('Cohort', cohort.uuid), deadline: cohort.nominationDeadline, daysBefore },
      key: `NominationDeadlineApproaching:${cohort.uuid}:${cohort.nominationDeadline}:${daysBefore}`,
    });
  }
  const milestones = await tx.db
    .getRepository(Milestone)
    .createQueryBuilder('m')
    .innerJoinAndMapOne('m.researchProject', ResearchProject, 'r', 'r.uuid = m.researchProjectId')
    .where({ completedAt: IsNull(), dueDate: Between(shiftDay(today, -OVERDUE_LOOKBACK_DAYS), shiftDay(today, MILESTONE_NOTICE_DAYS)) })
    .andWhere('r.status IN (:...running)', { running: [ResearchStatus.APPROVED, ResearchStatus.IN_PROGRESS] })
    .orderBy('m.uuid', 'ASC')
    .getMany();
  for (const milestone of milestones) {
    const overdue = milestone.dueDate < today;
    reminders.push({
      type: 'MilestoneDue',
      payload: {
        milestoneId: toGlobalId('Milestone', milestone.uuid),
        researchId: toGlobalId('ResearchProject', milestone.researchProjectId),
        associateId: toGlobalId('ProfessionalAssociate', milestone.researchProject!.associateId),
        dueDate: milestone.dueDate,
        overdue,
      },
      key: `MilestoneDue:${milestone.uuid}:${milestone.dueDate}:${overdue ? 'overdue' : 'due'}`,
    });
  }
  return reminders;
}

export interface ReminderTickOptions {
  database: Database;
  /** The request clock: CDP_CLOCK may pin it, and reminders follow it (the day they are due is a fact of the programme). */
  clock: Clock;
  logger: Logger;
  auth: AuthSettings;
  intervalMs: number;
}

/**
 * The periodic look for time-driven letters (DESIGN section 7): deadline
 * reminders and milestones due or overdue, computed from the data against
 * the server clock and recorded as outbox events under a unique key
 * (OutboxEvent.dedupeKey). A restart, a clock moved forward, a second tick
 * or a second instance finds the same reminder under the same key, and the
 * unique index records it once; the outbox then delivers it as any event.
 */
export class ReminderTick {
  private timer?: NodeJS.Timeout;
  private running: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: ReminderTickOptions) {}

  /** Looks at once, then every intervalMs. */
  start(): void {
    this.timer = setInterval(() => void this.tickSafely(), this.options.intervalMs);
    this.timer.unref();
    void this.tickSafely();
  }

  /** Stops looking; waits for a look in progress. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One look: records the reminders that came due and were not recorded before; returns how many it recorded. */
  tick(): Promise<number> {
    const { database, clock, logger, auth } = this.options;
    const ctx = createRequestContext({ requestId: `system:reminders-${randomUUID()}`, database, clock, log: logger, viewer: null, auth, actorLabel: 'system:reminders' });
    const look = withTransaction(ctx, async (tx) => {
      const due = await dueReminders(tx, isoDate(tx.clock.now()));
      if (!due.length) return 0;
      const known = new Set(
        (await tx.db.find(OutboxEvent, { select: { dedupeKey: true }, where: { dedupeKey: In(due.map((r) => r.key)) } })).map((e) => e.dedupeKey),
      );
      let recorded = 0;
      for (const reminder of due.filter((r) => !known.has(r.key))) {
        if (await recordEvent(tx, reminder.type, reminder.payload as never, { dedupeKey: reminder.key })) recorded++;
      }
      return recorded;
    });
    this.running = look.catch(() => undefined);
    return look;
  }

  private async tickSafely(): Promise<void> {
    try {
      const recorded = await this.tick();
      if (recorded) this.options.logger.info({ recorded }, 'reminders: recorded the reminders that came due');
    } catch (err) {
      this.options.logger.error({ err: { message: err instanceof Error ? err.message : String(err) } }, 'reminders: the look failed; trying again at the next tick');
    }
  }
}
