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
    pdf: 'Print your certificate (PDF)',
    verificationPage: 'Its public verification page (the address its QR code opens), to share with an employer or add to your profile',
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
  outcomes: {
    subject: 'Outcomes of the selection for the {{cohort}} cohort',
    body_one: 'The selection for the {{cohort}} cohort of the {{programme}} is complete. Here is the outcome for the candidate {{administration}} nominated:',
    body_other: 'The selection for the {{cohort}} cohort of the {{programme}} is complete. Here are the outcomes for the {{count}} candidates {{administration}} nominated:',
    selected_one: 'The selected candidate becomes a Professional Associate: the WCO Secretariat will write about the placement.',
    selected_other: 'The selected candidates become Professional Associates: the WCO Secretariat will write about their placements.',
    reserve: 'A candidate on the reserve list may be called if a selected candidate withdraws. Thank you for your nominations.',
    status: {
      SELECTED: 'Selected',
      RESERVE: 'Reserve list',
      NOT_SELECTED: 'Not selected',
    },
  },
  researchApproved: {
    subject: 'Your research proposal was approved: {{title}}',
    body: 'The WCO Secretariat approved your research proposal “{{title}}” on {{at, instant}}.',
    next: 'Next, plan the work: add its milestones in CDP Hub with the addMilestone operation (the first one starts the research), and complete each one when it is done.',
  },
  researchReturned: {
    subject: 'Your research proposal needs changes: {{title}}',
    body: 'The WCO Secretariat returned your research proposal “{{title}}” on {{at, instant}} with this comment:',
    next: 'Change the proposal in CDP Hub with the updateResearch operation; the Secretariat reviews it again.',
  },
  milestoneDue: {
    subject: 'Milestone due on {{due, day}}: {{milestone}}',
    body: 'The milestone “{{milestone}}” of your research “{{research}}” is due on {{due, day}}.',
    next: 'When it is done, mark it completed in CDP Hub with the completeMilestone operation.',
  },
  milestoneOverdue: {
    subject: 'Milestone overdue: {{milestone}}',
    body: 'The milestone “{{milestone}}” of your research “{{research}}” was due on {{due, day}} and is not completed yet.',
  },
  deadlineReminder: {
    subject_one: 'Reminder: nominations for the {{cohort}} cohort close in {{count}} day',
    subject_other: 'Reminder: nominations for the {{cohort}} cohort close in {{count}} days',
    body: 'Nominations for the {{cohort}} cohort of the {{programme}} are accepted until the end of {{deadline, day}} (UTC).',
    sofar_zero: 'So far, {{administration}} has nominated no candidate.',
    sofar_one: 'So far, {{administration}} has nominated {{count}} candidate.',
    sofar_other: 'So far, {{administration}} has nominated {{count}} candidates.',
  },
  roles: {
    ADMIN: 'an administrator (ADMIN) of the WCO Secretariat',
    REVIEWER: 'a reviewer of nominations (REVIEWER)',
    FOCAL_POINT: 'the focal point of your administration (FOCAL_POINT)',
    ASSOCIATE: 'a Professional Associate (ASSOCIATE)',
  },
  userInvited: {
    subject: 'Your CDP Hub account: choose your password',
    body: 'The WCO Secretariat opened a CDP Hub account for you, {{email}}, as {{role}}.',
    link: 'Choose your password with the link below before {{expiresAt, instant}}. It has at least 12 characters; nobody else ever knows it.',
    once: 'The link works once. If it has expired, ask the WCO Secretariat to send the invitation again.',
    action: 'Choose your password',
  },
  passwordReset: {
    subject: 'Reset your CDP Hub password',
    body: 'A new password was asked for the CDP Hub account {{email}} on {{at, instant}}.',
    link: 'Choose it with the link below before {{expiresAt, instant}}. The link works once, and every session of the account is signed out when it is used.',
    notYou: 'If you did not ask for it, ignore this message: your password stays as it is.',
    action: 'Choose a new password',
  },
  emailChanged: {
    subject: 'The e-mail of your CDP Hub account was changed',
    body: 'On {{at, instant}}, the sign-in e-mail of your CDP Hub account was changed from this address, {{previous}}, to another one. CDP Hub writes to the new address from now on.',
    notYou: 'If you did not ask for this change, contact the WCO Secretariat at once.',
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
