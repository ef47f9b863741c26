import { DateTimeScalar } from '../../graphql/scalars/dates';
import { Field, Int, ObjectType } from 'type-graphql';
import { MutationPayload } from '../../graphql/mutations/payload';
import { User } from './user.entity';

/** A session just started: login's answer, and acceptInvitation's. */
@ObjectType()
abstract class SessionPayload extends MutationPayload {
  @Field(() => String, {
    nullable: true,
    description: 'The bearer token: send it as "Authorization: Bearer <token>". Shown once; keep it secret. Null on failure.',
  })
  token: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the token stops working; sign in again then.' })
  expiresAt: Date | null;

  @Field(() => User, { nullable: true, description: 'The signed-in user.' })
  user: User | null;
}

@ObjectType({ description: 'The result of login.' })
export class LoginPayload extends SessionPayload {
  @Field(() => Int, {
    nullable: true,
    description: 'With TOO_MANY_ATTEMPTS: the seconds to wait before trying again (also sent as the Retry-After header).',
  })
  retryAfterSeconds: number | null;
}

@ObjectType({ description: 'The result of logout.' })
export class LogoutPayload extends MutationPayload {
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the session ended; the token is refused from now on.' })
  endedAt: Date | null;
}

@ObjectType()
abstract class UserChangePayload extends MutationPayload {
  @Field(() => User, { nullable: true, description: 'The user as it now is; null on failure.' })
  user: User | null;
}

@ObjectType({ description: 'The result of createUser.' })
export class CreateUserPayload extends UserChangePayload {}

@ObjectType({ description: 'The result of updateUser.' })
export class UpdateUserPayload extends UserChangePayload {}

@ObjectType({ description: 'The result of deactivateUser.' })
export class DeactivateUserPayload extends UserChangePayload {}

@ObjectType({ description: 'The result of changePassword.' })
export class ChangePasswordPayload extends MutationPayload {
  @Field(() => User, { nullable: true, description: 'The signed-in user.' })
  user: User | null;

  @Field(() => Int, { nullable: true, description: "How many of the user's other sessions ended; this one stays signed in." })
  endedSessionCount: number | null;
}

@ObjectType({ description: 'The result of inviteUser.' })
export class InviteUserPayload extends UserChangePayload {
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the mailed link stops working (INVITATION_TTL_HOURS after the call); null on failure.' })
  invitationExpiresAt: Date | null;
}

@ObjectType({ description: 'The result of resendInvitation.' })
export class ResendInvitationPayload extends InviteUserPayload {}

@ObjectType({ description: 'The result of acceptInvitation: the user is signed in, as by login.' })
export class AcceptInvitationPayload extends SessionPayload {}

@ObjectType({ description: 'The result of requestPasswordReset: the same whether or not an account has the e-mail.' })
export class RequestPasswordResetPayload extends MutationPayload {
  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When the request was taken. If an active account signs in with the e-mail, a one-time link is on its way to it; null on failure.',
  })
  requestedAt: Date | null;

  @Field(() => Int, {
    nullable: true,
    description: 'With TOO_MANY_ATTEMPTS: the seconds to wait before asking again (also sent as the Retry-After header).',
  })
  retryAfterSeconds: number | null;
}

@ObjectType({ description: 'The result of resetPassword.' })
export class ResetPasswordPayload extends MutationPayload {
  @Field(() => Int, { nullable: true, description: "How many of the user's sessions ended: every one; sign in with the new password. Null on failure." })
  endedSessionCount: number | null;
}
