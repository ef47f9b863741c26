/**
 * English texts of CDP Hub's e-mail. Every key has its French twin in fr.ts
 * (a test fails otherwise). Values are i18next strings: `{{name}}` inserts a
 * value, `{{at, instant}}` an instant and `{{deadline, day}}` a calendar day
 * (formatted by Intl for the language, in UTC), and keys ending in `_one`,
 * `_other` (and `_many` in French) are the plural forms of one text, chosen
 * by Intl.PluralRules from `count`.
 */
export const en = {
  common: {
    greeting: 'Dear {{name}},',
    signOff: 'With kind regards,\nThe CDP team, WCO Secretariat',
    footer:
      'This message comes from CDP Hub, the system of record of the WCO-Japan Career Development Programme, because of your role in the programme. It was sent automatically; replies are not read.',
    openHub: 'Open CDP Hub',
  },
  invitation: {
    subject: 'Invitation to nominate for the {{cohort}} cohort of the {{programme}}',
    intro: 'The WCO Secretariat invites {{administration}} to nominate candidates for the {{cohort}} cohort of the {{programme}}.',
    deadline: 'Nominations are accepted until the end of {{deadline, day}} (UTC).',
    seats_one: 'The cohort has {{count}} seat.',
    seats_other: 'The cohort has {{count}} seats.',
    how: 'As the focal point of your administration, sign in to CDP Hub and submit each candidate with the submitNomination operation: the candidate’s name, e-mail, position, years of service and languages, and a motivation. You can withdraw a nomination until a decision is taken.',
  },
  nominationSubmitted: {
    subject: 'Nomination received: {{candidate}}, {{cohort}} cohort',
    body: 'CDP Hub received the nomination of {{candidate}} by {{administration}} for the {{cohort}} cohort on {{at, instant}}.',
    next: 'Reviewers assess nominations once nominations close. You can withdraw this nomination until a decision is taken.',
  },
  nominationWithdrawn: {
    subject: 'Nomination withdrawn: {{candidate}}, {{cohort}} cohort',
    body: 'The nomination of {{candidate}} by {{administration}} for the {{cohort}} cohort was withdrawn on {{at, instant}}.',
    next: 'It will not be reviewed. The candidate can be nominated again while nominations are open.',
  },
  nominationsClosed: {
    subject_one: 'Nominations closed for the {{cohort}} cohort: {{count}} awaits your review',
    subject_other: 'Nominations closed for the {{cohort}} cohort: {{count}} await your review',
    subject_zero: 'Nominations closed for the {{cohort}} cohort',
    body: 'Nominations for the {{cohort}} cohort of the {{programme}} closed on {{at, instant}}.',
    awaiting_one: '{{count}} nomination awaits your review.',
    awaiting_other: '{{count}} nominations await your review.',
    awaiting_zero: 'No nomination awaits your review.',
    blind: 'Sign in to CDP Hub to review them. Reviews are blind: the other reviewers’ scores are shown once a nomination is decided.',
  },
  certificateIssued: {
    subject: 'Your CDP certificate {{serial}} has been issued',
    body: 'Congratulations: the WCO Secretariat issued your certificate of completion of the {{programme}} ({{cohort}} cohort) on {{at, instant}}.',
    serial: 'Serial number',
    credential: 'Your certificate is a verifiable credential. Download it and keep it:',
    download: 'Download the credential',
    verify: 'Anyone can check it with CDP Hub’s verifyCertificate query and its serial number, or offline against the keys published at {{keysUrl}}.',
  },
  certificateRevoked: {
    subject: 'Your CDP certificate {{serial}} has been revoked',
    body: 'The WCO Secretariat revoked your certificate {{serial}} of the {{programme}} on {{at, instant}}.',
    reason: 'Reason given',
    verify: 'CDP Hub’s verifyCertificate query now answers REVOKED for it. If you believe this is a mistake, contact the WCO Secretariat.',
  },
  passwordChanged: {
    subject: 'Your CDP Hub password was changed',
    body: 'The password of your CDP Hub account {{email}} was changed on {{at, instant}}. Your other sessions were signed out.',
    notYou: 'If you did not change it, contact the WCO Secretariat at once: someone else may know your password.',
  },
  webhookEndpointDisabled: {
    subject: 'A CDP Hub webhook endpoint was disabled',
    body: 'The webhook endpoint {{url}} failed {{failures}} deliveries in a row and was disabled on {{at, instant}}. Nothing is sent to it until it is enabled again.',
    next: 'Once the receiver works again, enable the endpoint (updateWebhookEndpoint with isEnabled: true) and send what it missed (resendWebhookDelivery).',
    reason: 'Reason',
  },
};

/** The shape every language's texts have (fr.ts is checked against it). */
export type MailTexts = typeof en;
