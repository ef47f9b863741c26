import { InitialSchema1795723470152 } from './1795723470152-InitialSchema';
import { ResearchSearch1795723471000 } from './1795723471000-ResearchSearch';
import { AccountsAndSessions1795789277137 } from './1795789277137-AccountsAndSessions';
import { EventCancellation1795790636735 } from './1795790636735-EventCancellation';
import { NominationScores1795790700108 } from './1795790700108-NominationScores';
import { CertificateCredentials1795790773605 } from './1795790773605-CertificateCredentials';
import { ScaleIndexes1795792655856 } from './1795792655856-ScaleIndexes';
import { DataVersion1795792831568 } from './1795792831568-DataVersion';
import { ResearchSearchRowids1795800712000 } from './1795800712000-ResearchSearchRowids';
import { OrderingIndexes1795900000000 } from './1795900000000-OrderingIndexes';
import { CreatedCohortsStartDay1795910000000 } from './1795910000000-CreatedCohortsStartDay';
import { DeclinedAssociates1795910001000 } from './1795910001000-DeclinedAssociates';
import { AuditGlobalIds1795950000000 } from './1795950000000-AuditGlobalIds';
import { DemonstrationProgramme1796000000000 } from './1796000000000-DemonstrationProgramme';
import { OutboxAndMail1796588583160 } from './1796588583160-OutboxAndMail';
import { AdministrationContact1796600000000 } from './1796600000000-AdministrationContact';
import { AccountLinksAndOutcomes1796597772385 } from './1796597772385-AccountLinksAndOutcomes';
import { WebhookEndpoints1796598082886 } from './1796598082886-WebhookEndpoints';

/** Every migration, oldest first. New ones come from `npm run migration:generate`. */
export const MIGRATIONS = [
  InitialSchema1795723470152,
  ResearchSearch1795723471000,
  AccountsAndSessions1795789277137,
  EventCancellation1795790636735,
  NominationScores1795790700108,
  CertificateCredentials1795790773605,
  ScaleIndexes1795792655856,
  DataVersion1795792831568,
  ResearchSearchRowids1795800712000,
  OrderingIndexes1795900000000,
  CreatedCohortsStartDay1795910000000,
  DeclinedAssociates1795910001000,
  AuditGlobalIds1795950000000,
  DemonstrationProgramme1796000000000,
  OutboxAndMail1796588583160,
  AdministrationContact1796600000000,
  AccountLinksAndOutcomes1796597772385,
  WebhookEndpoints1796598082886,
];
