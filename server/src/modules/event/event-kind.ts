import { registerEnumType } from 'type-graphql';

export enum EventKind {
  INVITATION = 'INVITATION',
  COMMENCEMENT = 'COMMENCEMENT',
  REPORTING_SESSION = 'REPORTING_SESSION',
  CERTIFICATE_CEREMONY = 'CERTIFICATE_CEREMONY',
  ALUMNI_REUNION = 'ALUMNI_REUNION',
  WORKSHOP = 'WORKSHOP',
}

registerEnumType(EventKind, {
  name: 'EventKind',
  description: 'What kind of programme event it is.',
  valuesConfig: {
    INVITATION: { description: 'Invitation letters sent to eligible administrations.' },
    COMMENCEMENT: { description: 'Opening of the programme year.' },
    REPORTING_SESSION: { description: 'Associates present their research to the Secretary General and senior management.' },
    CERTIFICATE_CEREMONY: { description: 'Certificates are awarded on successful completion.' },
    ALUMNI_REUNION: { description: 'A gathering of former associates.' },
    WORKSHOP: { description: 'A workshop or training session.' },
  },
});
