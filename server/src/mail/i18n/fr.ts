/** French texts of CDP Hub's e-mail: the twin of en.ts, key for key (plural forms follow French rules). */
export const fr = {
  common: {
    greeting: 'Bonjour {{name}},',
    signOff: 'Avec nos salutations distinguées,\nL’équipe du CDP, Secrétariat de l’OMD',
    footer:
      'Ce message provient de CDP Hub, le registre du Programme de développement de carrière OMD-Japon, en raison de votre rôle dans le programme. Il a été envoyé automatiquement ; les réponses ne sont pas lues.',
    openHub: 'Ouvrir CDP Hub',
  },
  invitation: {
    subject: 'Invitation à présenter des candidatures pour la promotion {{cohort}} du {{programme}}',
    intro: 'Le Secrétariat de l’OMD invite {{administration}} à présenter des candidats pour la promotion {{cohort}} du {{programme}}.',
    deadline: 'Les candidatures sont acceptées jusqu’à la fin du {{deadline, day}} (UTC).',
    seats_one: 'La promotion compte {{count}} place.',
    seats_many: 'La promotion compte {{count}} de places.',
    seats_other: 'La promotion compte {{count}} places.',
    how: 'En tant que point de contact de votre administration, connectez-vous à CDP Hub et présentez chaque candidat avec l’opération submitNomination : nom, adresse électronique, fonction, années de service et langues du candidat, ainsi qu’une motivation. Vous pouvez retirer une candidature tant qu’aucune décision n’a été prise.',
  },
  nominationSubmitted: {
    subject: 'Candidature reçue : {{candidate}}, promotion {{cohort}}',
    body: 'CDP Hub a reçu la candidature de {{candidate}} présentée par {{administration}} pour la promotion {{cohort}} le {{at, instant}}.',
    next: 'Les évaluateurs examinent les candidatures après la clôture. Vous pouvez retirer cette candidature tant qu’aucune décision n’a été prise.',
  },
  nominationWithdrawn: {
    subject: 'Candidature retirée : {{candidate}}, promotion {{cohort}}',
    body: 'La candidature de {{candidate}} présentée par {{administration}} pour la promotion {{cohort}} a été retirée le {{at, instant}}.',
    next: 'Elle ne sera pas évaluée. Le candidat peut être présenté à nouveau tant que les candidatures sont ouvertes.',
  },
  nominationsClosed: {
    subject_one: 'Candidatures closes pour la promotion {{cohort}} : {{count}} attend votre évaluation',
    subject_many: 'Candidatures closes pour la promotion {{cohort}} : {{count}} de candidatures attendent votre évaluation',
    subject_other: 'Candidatures closes pour la promotion {{cohort}} : {{count}} attendent votre évaluation',
    subject_zero: 'Candidatures closes pour la promotion {{cohort}}',
    body: 'Les candidatures pour la promotion {{cohort}} du {{programme}} ont été closes le {{at, instant}}.',
    awaiting_one: '{{count}} candidature attend votre évaluation.',
    awaiting_many: '{{count}} de candidatures attendent votre évaluation.',
    awaiting_other: '{{count}} candidatures attendent votre évaluation.',
    awaiting_zero: 'Aucune candidature n’attend votre évaluation.',
    blind: 'Connectez-vous à CDP Hub pour les évaluer. L’évaluation est à l’aveugle : les notes des autres évaluateurs apparaissent une fois la candidature tranchée.',
  },
  certificateIssued: {
    subject: 'Votre certificat CDP {{serial}} a été délivré',
    body: 'Félicitations : le Secrétariat de l’OMD a délivré votre certificat d’achèvement du {{programme}} (promotion {{cohort}}) le {{at, instant}}.',
    serial: 'Numéro de série',
    credential: 'Votre certificat est une attestation vérifiable. Téléchargez-la et conservez-la :',
    download: 'Télécharger l’attestation',
    verify: 'Chacun peut le vérifier avec la requête verifyCertificate de CDP Hub et son numéro de série, ou hors ligne avec les clés publiées à l’adresse {{keysUrl}}.',
  },
  certificateRevoked: {
    subject: 'Votre certificat CDP {{serial}} a été révoqué',
    body: 'Le Secrétariat de l’OMD a révoqué votre certificat {{serial}} du {{programme}} le {{at, instant}}.',
    reason: 'Motif indiqué',
    verify: 'La requête verifyCertificate de CDP Hub répond désormais REVOKED pour ce certificat. Si vous pensez qu’il s’agit d’une erreur, contactez le Secrétariat de l’OMD.',
  },
  passwordChanged: {
    subject: 'Le mot de passe de votre compte CDP Hub a été modifié',
    body: 'Le mot de passe de votre compte CDP Hub {{email}} a été modifié le {{at, instant}}. Vos autres sessions ont été fermées.',
    notYou: 'Si vous n’êtes pas à l’origine de ce changement, contactez immédiatement le Secrétariat de l’OMD : quelqu’un d’autre connaît peut-être votre mot de passe.',
  },
  webhookEndpointDisabled: {
    subject: 'Un point de réception de webhooks de CDP Hub a été désactivé',
    body: 'Le point de réception {{url}} a échoué {{failures}} livraisons de suite et a été désactivé le {{at, instant}}. Rien ne lui est envoyé tant qu’il n’est pas réactivé.',
    next: 'Dès que le récepteur fonctionne de nouveau, réactivez le point de réception (updateWebhookEndpoint avec isEnabled: true) et renvoyez ce qu’il a manqué (resendWebhookDelivery).',
    reason: 'Motif',
  },
};
