import { registerEnumType } from 'type-graphql';

export enum AssociateStatus {
  ASSIGNED = 'ASSIGNED',
  ACTIVE = 'ACTIVE',
  COMPLETED = 'COMPLETED',
  WITHDRAWN = 'WITHDRAWN',
  DECLINED = 'DECLINED',
}

registerEnumType(AssociateStatus, {
  name: 'AssociateStatus',
  description: "State of a Professional Associate's placement at the Secretariat.",
  valuesConfig: {
    ASSIGNED: { description: 'Selected (and perhaps assigned to a directorate); the placement has not started.' },
    ACTIVE: { description: 'Working at the Secretariat.' },
    COMPLETED: { description: 'The placement was completed; the associate is now an alumnus.' },
    WITHDRAWN: { description: 'The placement started and ended early. The associate still counts: holds the seat, is among the cohort’s associates and in statistics.' },
    DECLINED: {
      description:
        'Selected, but withdrew before the placement started: holds no seat and does not count among the cohort’s associates, in statistics or in the alumni network.',
    },
  },
});

export enum Directorate {
  COMPLIANCE_AND_FACILITATION = 'COMPLIANCE_AND_FACILITATION',
  TARIFF_AND_TRADE_AFFAIRS = 'TARIFF_AND_TRADE_AFFAIRS',
  CAPACITY_BUILDING = 'CAPACITY_BUILDING',
  OFFICE_OF_THE_SECRETARY_GENERAL = 'OFFICE_OF_THE_SECRETARY_GENERAL',
}

registerEnumType(Directorate, {
  name: 'Directorate',
  description: 'A part of the WCO Secretariat in which associates are placed.',
  valuesConfig: {
    COMPLIANCE_AND_FACILITATION: { description: 'Compliance and Facilitation Directorate.' },
    TARIFF_AND_TRADE_AFFAIRS: { description: 'Tariff and Trade Affairs Directorate.' },
    CAPACITY_BUILDING: { description: 'Capacity Building Directorate.' },
    OFFICE_OF_THE_SECRETARY_GENERAL: { description: 'Office of the Secretary General.' },
  },
});
