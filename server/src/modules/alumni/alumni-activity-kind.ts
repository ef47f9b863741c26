import { registerEnumType } from 'type-graphql';

export enum AlumniActivityKind {
  TRAINING_DELIVERED = 'TRAINING_DELIVERED',
  PUBLICATION = 'PUBLICATION',
  WCO_MEETING = 'WCO_MEETING',
  PROMOTION = 'PROMOTION',
  LIAISON = 'LIAISON',
}

registerEnumType(AlumniActivityKind, {
  name: 'AlumniActivityKind',
  description: 'What a former associate did after the programme.',
  valuesConfig: {
    TRAINING_DELIVERED: { description: 'Delivered training in their administration or region.' },
    PUBLICATION: { description: 'Published an article, paper or report.' },
    WCO_MEETING: { description: 'Took part in a WCO meeting or committee.' },
    PROMOTION: { description: 'Was promoted or took up a new post.' },
    LIAISON: { description: 'Acted as liaison point between their administration and the Secretariat.' },
  },
});
