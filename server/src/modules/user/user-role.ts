import { registerEnumType } from 'type-graphql';

export enum UserRole {
  ADMIN = 'ADMIN',
  REVIEWER = 'REVIEWER',
  FOCAL_POINT = 'FOCAL_POINT',
  ASSOCIATE = 'ASSOCIATE',
}

registerEnumType(UserRole, {
  name: 'UserRole',
  description: 'What a signed-in user may do.',
  valuesConfig: {
    ADMIN: { description: 'Programme secretariat: may do everything.' },
    REVIEWER: { description: 'Reads and reviews nominations.' },
    FOCAL_POINT: { description: 'Nominates for, and sees the personal data of, their own administration only.' },
    ASSOCIATE: { description: 'Edits their own research and alumni profile.' },
  },
});
