import { Administration } from '../modules/administration/administration.entity';
import { AlumniActivity } from '../modules/alumni/alumni-activity.entity';
import { AlumniProfile } from '../modules/alumni/alumni-profile.entity';
import { ProfessionalAssociate } from '../modules/associate/associate.entity';
import { AuditEntry } from '../modules/audit/audit-entry.entity';
import { CertificateCounter } from '../modules/certificate/certificate-counter.entity';
import { Certificate } from '../modules/certificate/certificate.entity';
import { Cohort } from '../modules/cohort/cohort.entity';
import { DataVersion } from './data-version.entity';
import { Invitation } from '../modules/cohort/invitation.entity';
import { Event } from '../modules/event/event.entity';
import { Nomination } from '../modules/nomination/nomination.entity';
import { Review } from '../modules/nomination/review.entity';
import { Programme } from '../modules/programme/programme.entity';
import { Region } from '../modules/region/region.entity';
import { Milestone } from '../modules/research/milestone.entity';
import { ResearchProject } from '../modules/research/research-project.entity';
import { ResearchTheme } from '../modules/research/research-theme.entity';
import { AccountLink } from '../modules/user/account-link.entity';
import { Session } from '../modules/user/session.entity';
import { User } from '../modules/user/user.entity';
import { DevMail } from '../mail/dev-mail.entity';
import { OutboxEvent } from '../outbox/outbox-event.entity';
import { OutboxMessage } from '../outbox/outbox-message.entity';
import { OutboxRouting } from '../outbox/outbox-routing.entity';
import { WebhookEndpoint } from '../modules/webhook/webhook-endpoint.entity';

export const ENTITIES = [
  Region,
  Administration,
  Programme,
  Cohort,
  Invitation,
  Nomination,
  Review,
  ProfessionalAssociate,
  ResearchProject,
  ResearchTheme,
  Milestone,
  Event,
  Certificate,
  AlumniProfile,
  AlumniActivity,
  User,
  Session,
  AccountLink,
  AuditEntry,
  CertificateCounter,
  DataVersion,
  OutboxEvent,
  OutboxRouting,
  OutboxMessage,
  WebhookEndpoint,
  DevMail,
];
