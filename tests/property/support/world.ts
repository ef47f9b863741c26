import type { DataSource } from 'typeorm';
import { hashPassword } from '../../../server/src/auth/passwords';
import { Administration } from '../../../server/src/modules/administration/administration.entity';
import { AlumniProfile } from '../../../server/src/modules/alumni/alumni-profile.entity';
import { AssociateStatus } from '../../../server/src/modules/associate/associate-enums';
import { ProfessionalAssociate } from '../../../server/src/modules/associate/associate.entity';
import { CohortStatus } from '../../../server/src/modules/cohort/cohort-status';
import { Cohort } from '../../../server/src/modules/cohort/cohort.entity';
import { Invitation } from '../../../server/src/modules/cohort/invitation.entity';
import { EventKind } from '../../../server/src/modules/event/event-kind';
import { Event } from '../../../server/src/modules/event/event.entity';
import { NominationStatus } from '../../../server/src/modules/nomination/nomination-status';
import { Nomination } from '../../../server/src/modules/nomination/nomination.entity';
import { Programme } from '../../../server/src/modules/programme/programme.entity';
import { Milestone } from '../../../server/src/modules/research/milestone.entity';
import { ResearchProject } from '../../../server/src/modules/research/research-project.entity';
import { ResearchStatus } from '../../../server/src/modules/research/research-status';
import { UserRole } from '../../../server/src/modules/user/user-role';
import { User } from '../../../server/src/modules/user/user.entity';
import { directCohortLabel, insert } from '../../support/arrange';
import { focalAdministration, gid, MOTIVATION } from '../../support/arrange-nominations';
import { OutboxChannel, OutboxMessageStatus } from '../../../server/src/outbox/outbox-enums';
import { OutboxEvent } from '../../../server/src/outbox/outbox-event.entity';
import { OutboxMessage } from '../../../server/src/outbox/outbox-message.entity';
import type { Caller, TestServer } from '../../support/server';

export const FUZZ_PASSWORD = 'fuzz-passphrase-for-every-user-2026';

/** Rows written directly, so each generated request meets the state its mutation needs at the cost of a few inserts. */
export class World {
  private counter = 0;
  private passwordHash?: Promise<string>;
  private readonly shared = new Map<string, Promise<unknown>>();

  constructor(
    readonly server: TestServer,
    readonly ds: DataSource = server.database.dataSource,
  ) {}

  next(): number {
    return ++this.counter;
  }

  as(role: UserRole): Promise<Caller> {
    return this.server.as(role);
  }

  /** One instance per key for the whole run, made on first use; `renew` makes the next call make a new one. */
  once<T>(key: string, make: () => Promise<T>): Promise<T> {
    if (!this.shared.has(key)) this.shared.set(key, make());
    return this.shared.get(key) as Promise<T>;
  }

  renew(key: string): void {
    this.shared.delete(key);
  }

  programme(): Promise<Programme> {
    return this.once('programme', () => this.ds.getRepository(Programme).findOneByOrFail({ code: 'WCO-JAPAN-CDP' }));
  }

  administration(iso2 = 'RW'): Promise<Administration> {
    return this.once(`administration:${iso2}`, () => this.ds.getRepository(Administration).findOneByOrFail({ iso2 }));
  }

  focalAdministration(): Promise<Administration> {
    return this.once('focal', () => focalAdministration(this.ds));
  }

  async cohort(status: CohortStatus, values: Partial<Pick<Cohort, 'capacity' | 'nominationDeadline' | 'notificationDate' | 'startDate' | 'endDate'>> = {}): Promise<Cohort> {
    return insert(this.ds, Cohort, {
      programmeId: (await this.programme()).uuid,
      label: directCohortLabel(),
      status,
      capacity: 50,
      invitationDate: '2026-01-10',
      nominationDeadline: '2027-03-31',
      selectionDate: '2027-05-15',
      notificationDate: '2027-06-15',
      startDate: '2026-09-01',
      startDatePrecision: null,
      endDate: '2027-06-30',
      note: null,
      ...values,
    });
  }

  /** A NOMINATIONS_OPEN cohort to which the demo focal point's administration is invited. */
  openCohort(): Promise<Cohort> {
    return this.once('open-cohort', async () => {
      const cohort = await this.cohort(CohortStatus.NOMINATIONS_OPEN);
      await insert(this.ds, Invitation, { cohortId: cohort.uuid, administrationId: (await this.focalAdministration()).uuid, sentAt: new Date() });
      return cohort;
    });
  }

  async nomination(cohort: Cohort, status = NominationStatus.SUBMITTED): Promise<Nomination> {
    const n = this.next();
    return insert(this.ds, Nomination, {
      cohortId: cohort.uuid,
      administrationId: (await this.focalAdministration()).uuid,
      candidateFullName: `Fuzz Candidate ${n}`,
      candidateEmail: `fuzz.candidate.${n}@customs.example`,
      candidatePosition: 'Customs Officer',
      candidateYearsOfService: 8,
      candidateLanguages: ['en'],
      motivation: MOTIVATION,
      status,
      submittedAt: new Date(),
      decidedAt: null,
      meanScore: null,
      reviewCount: 0,
    });
  }

  async associate(cohort: Cohort, status = AssociateStatus.ACTIVE): Promise<ProfessionalAssociate> {
    const n = this.next();
    return insert(this.ds, ProfessionalAssociate, {
      cohortId: cohort.uuid,
      administrationId: (await this.administration()).uuid,
      nominationId: null,
      fullName: `Fuzz Associate ${n}`,
      email: `fuzz.associate.${n}@customs.example`,
      phone: null,
      languages: ['en'],
      directorate: null,
      supervisorName: null,
      status,
      startDate: status === AssociateStatus.ASSIGNED ? null : cohort.startDate,
      endDate: null,
      isSampleData: true,
    });
  }

  async research(associate: ProfessionalAssociate, status: ResearchStatus): Promise<ResearchProject> {
    return insert(this.ds, ResearchProject, {
      associateId: associate.uuid,
      title: `Fuzz research ${this.next()}`,
      abstract: 'How the generated values fare.',
      status,
      reportUrl: null,
      presentedAtId: null,
      publishedAt: null,
    });
  }

  milestone(research: ResearchProject, completed = false): Promise<Milestone> {
    return insert(this.ds, Milestone, { researchProjectId: research.uuid, title: 'Draft', dueDate: '2027-03-31', completedAt: completed ? new Date() : null });
  }

  /** An event of the cohort that has taken place (certificates and presentations need one), or later ones for scheduling. */
  event(cohort: Cohort, kind: EventKind, startsAt = new Date('2026-06-15T09:00:00Z')): Promise<Event> {
    return insert(this.ds, Event, {
      programmeId: cohort.programmeId,
      cohortId: cohort.uuid,
      kind,
      title: `${kind} ${this.next()}`,
      startsAt,
      location: 'Brussels',
      isVirtual: false,
      officiantName: null,
      officiantTitle: null,
      audience: null,
      cancelledAt: null,
      cancellationReason: null,
    });
  }

  alumniProfile(associate: ProfessionalAssociate): Promise<AlumniProfile> {
    return insert(this.ds, AlumniProfile, { associateId: associate.uuid, currentPosition: null, isLiaisonPoint: false });
  }

  /** A user who signs in with FUZZ_PASSWORD (the hash is made once). */
  async user(role = UserRole.REVIEWER): Promise<User> {
    this.passwordHash ??= hashPassword(FUZZ_PASSWORD);
    const n = this.next();
    return insert(this.ds, User, {
      email: `fuzz.user.${n}@customs.example`,
      passwordHash: await this.passwordHash,
      displayName: `Fuzz User ${n}`,
      role,
      administrationId: null,
      associateId: null,
      isActive: true,
      lastLoginAt: null,
      isDemo: false,
    });
  }

  /** A DEAD message of the outbox to a new user, as the worker leaves one whose attempts all failed. */
  async deadMessage(): Promise<OutboxMessage> {
    const user = await this.user();
    const at = new Date();
    const event = await insert(this.ds, OutboxEvent, {
      type: 'PasswordChanged',
      payload: { userId: gid('User', user.uuid) },
      occurredAt: at,
      requestId: null,
      actorId: user.uuid,
      actorLabel: 'system:fuzz',
      dedupeKey: null,
    });
    return insert(this.ds, OutboxMessage, {
      eventId: event.uuid,
      eventType: 'PasswordChanged',
      channel: OutboxChannel.EMAIL,
      recipientId: user.uuid,
      idempotencyKey: `email:${event.uuid}:${user.uuid}`,
      status: OutboxMessageStatus.DEAD,
      attempts: 8,
      nextAttemptAt: null,
      leaseOwner: null,
      lastError: 'SMTP 451 Try again later',
      sentAt: null,
      createdAt: at,
      updatedAt: at,
    });
  }

  signIn(user: User): Promise<Caller> {
    return this.server.signIn(user.email, FUZZ_PASSWORD);
  }
}

export { gid };
