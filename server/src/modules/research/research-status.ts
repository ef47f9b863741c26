import { registerEnumType } from 'type-graphql';

export enum ResearchStatus {
  PROPOSED = 'PROPOSED',
  APPROVED = 'APPROVED',
  IN_PROGRESS = 'IN_PROGRESS',
  SUBMITTED = 'SUBMITTED',
  PRESENTED = 'PRESENTED',
  PUBLISHED = 'PUBLISHED',
}

registerEnumType(ResearchStatus, {
  name: 'ResearchStatus',
  description: "Progress of an associate's research project. Only PUBLISHED research is visible to the public.",
  valuesConfig: {
    PROPOSED: { description: 'Proposed by the associate; awaiting approval.' },
    APPROVED: { description: 'Approved by the Secretariat.' },
    IN_PROGRESS: { description: 'Being carried out.' },
    SUBMITTED: { description: 'Final report submitted.' },
    PRESENTED: { description: 'Presented to the Secretary General and senior management.' },
    PUBLISHED: { description: 'Published for Customs administrations and stakeholders.' },
  },
});
