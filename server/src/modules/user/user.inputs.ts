import { IsOptional } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { IsAcceptablePassword, PASSWORD_MAX_LENGTH } from '../../auth/password-policy';
import { Email, Secret, Text } from '../../graphql/input/input-rules';
import { Language } from './language';
import { UserRole } from './user-role';

const NAME_MAX = 200;
/** Bounds a link token before anything looks at it; CDP Hub's have 48 characters. */
const LINK_TOKEN_MAX = 100;
const DISPLAY_NAME = { max: NAME_MAX, blankMessage: 'Enter a display name.' };

@InputType({ description: 'Credentials to sign in with.' })
export class LoginInput {
  @Field(() => String, { description: 'The e-mail the account signs in with (case and surrounding spaces do not matter).' })
  @Email({ lookup: true })
  email: string;

  @Field(() => String, { description: 'The password, exactly as chosen (spaces count). Never logged or stored.' })
  @Secret(PASSWORD_MAX_LENGTH, { message: `The password has more than ${PASSWORD_MAX_LENGTH} characters.` })
  password: string;
}

/** What every new account states: shared by createUser and inviteUser. */
@InputType()
export abstract class NewUserFields {
  @Field(() => String, { description: 'The e-mail the user signs in with; unique, stored in lower case (see the EmailAddress scalar for the form).' })
  @Email()
  email: string;

  @Field(() => String, { description: `Name shown in the interface, 1 to ${NAME_MAX} characters.` })
  @Text(DISPLAY_NAME)
  displayName: string;

  @Field(() => UserRole, { description: 'What the user may do.' })
  role: UserRole;

  @Field(() => Language, { nullable: true, description: 'The language CDP Hub writes to the user in; EN when omitted.' })
  @IsOptional()
  preferredLanguage?: Language | null;

  @Field(() => ID, { nullable: true, description: 'For a FOCAL_POINT (required, and only for one): the Administration it acts for.' })
  @IsOptional()
  administrationId?: string | null;

  @Field(() => ID, { nullable: true, description: 'For an ASSOCIATE (required, and only for one): its ProfessionalAssociate record.' })
  @IsOptional()
  associateId?: string | null;
}

@InputType({ description: 'A new user account. ADMIN only. Prefer inviteUser, which never lets anyone but the user know the password.' })
export class CreateUserInput extends NewUserFields {
  @Field(() => String, {
    nullable: true,
    description:
      'The initial password: 12 to 128 characters, not a common password. When omitted, the account is created without one and the user is invited by e-mail, as with inviteUser.',
    deprecationReason: 'A password typed by an ADMIN is a shared secret. Use inviteUser: the user chooses their own password through a one-time link.',
  })
  @IsOptional()
  @IsAcceptablePassword()
  password?: string | null;
}

@InputType({ description: 'A new user account, invited by e-mail to choose its password. ADMIN only.' })
export class InviteUserInput extends NewUserFields {}

@InputType({ description: 'The invited user whose invitation is sent again. ADMIN only.' })
export class ResendInvitationInput {
  @Field(() => ID, { description: 'The User, invited and not yet signed up; their earlier invitation link stops working.' })
  userId: string;
}

@InputType({ description: 'An invitation accepted: the token of its link and the password the user chooses.' })
export class AcceptInvitationInput {
  @Field(() => String, { description: 'The token of the invitation link (after "#token=" in the link the letter gave).' })
  @Secret(LINK_TOKEN_MAX, { message: 'This is not a token CDP Hub issued.' })
  token: string;

  @Field(() => String, { description: 'The password the user chooses: 12 to 128 characters, not a common password.' })
  @IsAcceptablePassword()
  password: string;
}

@InputType({ description: 'The e-mail of the account whose password is forgotten.' })
export class RequestPasswordResetInput {
  @Field(() => String, { description: 'The e-mail the account signs in with (case and surrounding spaces do not matter).' })
  @Email({ lookup: true })
  email: string;
}

@InputType({ description: 'A new password chosen through a password-reset link.' })
export class ResetPasswordInput {
  @Field(() => String, { description: 'The token of the reset link (after "#token=" in the link the letter gave).' })
  @Secret(LINK_TOKEN_MAX, { message: 'This is not a token CDP Hub issued.' })
  token: string;

  @Field(() => String, { description: 'The new password: 12 to 128 characters, not a common password.' })
  @IsAcceptablePassword()
  newPassword: string;
}

@InputType({ description: 'Changes to a user; omitted fields stay as they are. ADMIN only.' })
export class UpdateUserInput {
  @Field(() => ID, { description: 'The User to change.' })
  id: string;

  @Field(() => String, { nullable: true, description: 'New sign-in e-mail.' })
  @Email({ optional: true })
  email?: string | null;

  @Field(() => String, { nullable: true, description: `New display name, 1 to ${NAME_MAX} characters.` })
  @Text({ ...DISPLAY_NAME, optional: true })
  displayName?: string | null;

  @Field(() => UserRole, {
    nullable: true,
    description: 'New role; it applies from the user’s next request. The links must suit it (pass them in the same call).',
  })
  @IsOptional()
  role?: UserRole | null;

  @Field(() => Language, { nullable: true, description: 'New language CDP Hub writes to the user in.' })
  @IsOptional()
  preferredLanguage?: Language | null;

  @Field(() => ID, { nullable: true, description: 'New administration of a FOCAL_POINT.' })
  @IsOptional()
  administrationId?: string | null;

  @Field(() => ID, { nullable: true, description: 'New associate record of an ASSOCIATE.' })
  @IsOptional()
  associateId?: string | null;
}

@InputType({ description: 'The user to deactivate. ADMIN only.' })
export class DeactivateUserInput {
  @Field(() => ID, { description: 'The User to deactivate: they can no longer sign in, and their sessions end at once.' })
  id: string;
}

@InputType({ description: "A change of the signed-in user's own password." })
export class ChangePasswordInput {
  @Field(() => String, { description: 'The current password, to confirm it is really the user.' })
  @Secret(PASSWORD_MAX_LENGTH)
  currentPassword: string;

  @Field(() => String, { description: 'The new password: 12 to 128 characters, not a common password.' })
  @IsAcceptablePassword()
  newPassword: string;
}

@InputType({ description: 'No input is needed to sign out; the session is the one of the bearer token.' })
export class LogoutInput {
  @Field(() => String, { nullable: true, description: 'An optional client-chosen tag echoed in the audit log, e.g. "timeout" (at most 40 characters).' })
  @Text({ max: 40, min: 0, optional: true })
  reason?: string | null;
}
