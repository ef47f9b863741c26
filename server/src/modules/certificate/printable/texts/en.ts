/**
 * English texts of the printed certificate and of its verification page.
 * Every key has its French twin in fr.ts (a test fails otherwise). Values
 * are i18next strings, as in the e-mail (server/src/mail/i18n): `{{name}}`
 * inserts a value, `{{date, day}}` a calendar day formatted by Intl in UTC.
 * What they insert comes from the signed credential.
 */
export const en = {
  certificate: {
    partners: 'WORLD CUSTOMS ORGANIZATION  ·  JAPAN CUSTOMS',
    programme: 'WCO-Japan Career Development Programme',
    title: 'Certificate of Completion',
    certifies: 'This is to certify that',
    ofAdministration: 'of {{administration}}',
    completed: 'has successfully completed the programme as a Professional Associate at the WCO Secretariat, cohort {{cohort}},',
    completedNoCohort: 'has successfully completed the programme as a Professional Associate at the WCO Secretariat,',
    research: 'and presented the research project',
    awardedAtPlace: 'Awarded at the certificate ceremony in {{place}} on {{date, day}}',
    awarded: 'Awarded at the certificate ceremony on {{date, day}}',
    serial: 'Serial {{serial}}',
    verify: 'Verify this certificate at',
    revoked: 'REVOKED',
    revokedOn: 'Revoked on {{date, day}}',
    documentTitle: 'CDP certificate {{serial}}: {{holder}}',
  },
  page: {
    title: 'Certificate {{serial}}: verification',
    heading: 'Certificate verification',
    intro: 'CDP Hub, the system of record of the WCO-Japan Career Development Programme, answers for certificate {{serial}}:',
    language: 'Language',
    status: 'Status',
    statusValid: 'VALID',
    statusValidNote: 'The certificate was issued, has not been revoked, and its signature holds under a published key of the issuer.',
    statusRevoked: 'REVOKED',
    statusRevokedNote: 'The certificate was revoked on {{date, day}}.',
    revocationReason: 'Reason',
    statusUnknown: 'UNKNOWN',
    statusUnknownNote: 'CDP Hub cannot confirm this certificate ({{reason}}). Contact the WCO Secretariat.',
    holder: 'Holder',
    administration: 'Administration',
    research: 'Research project',
    achievement: 'Achievement',
    criteria: 'Criteria',
    cohort: 'Cohort',
    issuer: 'Issuer',
    issued: 'Issued',
    signatory: 'Signed by',
    serial: 'Serial number',
    downloads: 'Downloads',
    downloadPdf: 'Printable certificate (PDF, English)',
    downloadPdfFr: 'Printable certificate (PDF, French)',
    downloadJson: 'Signed credential (Open Badges 3.0, JSON)',
    linkedin: 'Add to LinkedIn profile',
    yourselfHeading: 'Verify it yourself',
    yourself:
      'The credential is a W3C Verifiable Credential signed with Ed25519 (eddsa-jcs-2022). Check its proof against the issuer’s published keys, and its revocation bit in the published status list; CDP Hub’s SDK (verifyCertificateOffline) does both, offline too.',
    keys: 'Published keys',
    statusList: 'Revocation status list',
    notFoundTitle: 'Certificate not found',
    notFound: 'No certificate with this serial number was issued by CDP Hub.',
    footer: 'CDP Hub, WCO Secretariat, Brussels',
    date: '{{date, day}}',
  },
};

/** The shape every language's texts have (fr.ts is checked against it). */
export type CertificateTexts = typeof en;
