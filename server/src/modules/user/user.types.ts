import { Field, InputType } from 'type-graphql';
import { OrderDirection } from '../../common/sort-direction';
import { ConnectionType } from '../../graphql/relay/connection';
import { defineOrder } from '../../graphql/relay/order';
import { BoundedEnumList } from '../../graphql/input-bounds';
import { User } from './user.entity';
import { UserRole } from './user-role';

export const UserConnection = ConnectionType(User, 'User', 'users');
export type UserConnection = InstanceType<typeof UserConnection>;

export const userOrder = defineOrder(
  'User',
  'users',
  {
    CREATED_AT: { property: 'createdAt', kind: 'date', description: 'Order by when the account was created.' },
    DISPLAY_NAME: { property: 'displayName', kind: 'string', description: 'Order by display name.' },
  },
  { field: 'CREATED_AT', direction: OrderDirection.ASC },
);
export const UserOrder = userOrder.OrderInput;
export type UserOrder = InstanceType<typeof UserOrder>;

@InputType({ description: 'Narrows a list of users; all given conditions must hold.' })
export class UserFilter {
  @Field(() => [UserRole], { nullable: true, description: 'Only users with one of these roles.' })
  @BoundedEnumList(UserRole)
  roleIn?: UserRole[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Only active (true) or deactivated (false) users.' })
  isActive?: boolean | null;
}
