import { EmailAddressScalar } from '../../graphql/scalars/email-address';
import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { InputArg } from '../../graphql/mutations/input-arg';
import { runMutation } from '../../graphql/mutations/run-mutation';
import { ConnectionArgs } from '../../graphql/relay/connection';
import { Administration } from '../administration/administration.entity';
import { ProfessionalAssociate } from '../associate/associate.entity';
import { NO_PASSWORD } from './account-link.service';
import { AuthService } from './auth.service';
import {
  AcceptInvitationInput,
  ChangePasswordInput,
  CreateUserInput,
  DeactivateUserInput,
  InviteUserInput,
  LoginInput,
  LogoutInput,
  RequestPasswordResetInput,
  ResendInvitationInput,
  ResetPasswordInput,
  UpdateUserInput,
} from './user.inputs';
import {
  AcceptInvitationPayload,
  ChangePasswordPayload,
  InviteUserPayload,
  RequestPasswordResetPayload,
  ResendInvitationPayload,
  ResetPasswordPayload,
  CreateUserPayload,
  DeactivateUserPayload,
  LoginPayload,
  LogoutPayload,
  UpdateUserPayload,
} from './user.payloads';
import { User } from './user.entity';
import { UserService } from './user.service';
import { UserConnection, UserFilter, UserOrder } from './user.types';

@Resolver(() => User)
export class UserResolver {
  private readonly userService = new UserService();
  private readonly authService = new AuthService();

  @Query(() => User, { nullable: true, description: 'The signed-in user, or null for anonymous callers.' })
  viewer(@Ctx() ctx: RequestContext): Promise<User | null> | null {
    return ctx.viewer ? ctx.loaders.byId(User).load(ctx.viewer.userId) : null;
  }

  @Query(() => UserConnection, { description: 'Every user account, active or not.' })
  async users(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => UserFilter, { nullable: true, description: 'Conditions the users must meet.' }) filter: UserFilter | null,
    @Arg('orderBy', () => UserOrder, { nullable: true, description: 'Ordering; by creation time when omitted.' }) orderBy: UserOrder | null,
    @Ctx() ctx: RequestContext,
  ): Promise<UserConnection> {
    return new UserConnection(await this.userService.list(ctx, args, filter, orderBy));
  }

  @FieldResolver(() => EmailAddressScalar, { description: 'The e-mail the user signs in with.' })
  email(@Root() user: User): string {
    return user.email;
  }

  @FieldResolver(() => Boolean, {
    description: 'True while the user was invited and has not chosen a password yet (acceptInvitation); resendInvitation sends a new link.',
  })
  invitationPending(@Root() user: User): boolean {
    return user.passwordHash === NO_PASSWORD;
  }

  @FieldResolver(() => Administration, { nullable: true, description: 'For a FOCAL_POINT: the administration it acts for.' })
  administration(@Root() user: User, @Ctx() ctx: RequestContext): Promise<Administration | null> | null {
    return user.administrationId ? ctx.loaders.byId(Administration).load(user.administrationId) : null;
  }

  @FieldResolver(() => ProfessionalAssociate, { nullable: true, description: 'For an ASSOCIATE: its Professional Associate record.' })
  associate(@Root() user: User, @Ctx() ctx: RequestContext): Promise<ProfessionalAssociate | null> | null {
    return user.associateId ? ctx.loaders.byId(ProfessionalAssociate).load(user.associateId) : null;
  }

  @Mutation(() => LoginPayload, {
    description: 'Signs in with e-mail and password and returns a bearer token. Repeated failures are throttled (TOO_MANY_ATTEMPTS).',
  })
  login(@InputArg(LoginInput, 'The e-mail and password.') input: LoginInput, @Ctx() ctx: RequestContext): Promise<LoginPayload> {
    return runMutation(ctx, input, (c, i) => this.authService.login(c, i), { token: null, expiresAt: null, user: null, retryAfterSeconds: null });
  }

  @Mutation(() => LogoutPayload, { description: 'Ends the session of the bearer token; the token is refused from the next request on.' })
  logout(
    @InputArg(LogoutInput, 'Optional details.', { nullable: true }) input: LogoutInput | null,
    @Ctx() ctx: RequestContext,
  ): Promise<LogoutPayload> {
    return runMutation(ctx, input ?? new LogoutInput(), (c, i) => this.authService.logout(c, i), { endedAt: null });
  }

  @Mutation(() => ChangePasswordPayload, {
    description: "Changes the signed-in user's password after checking the current one, and ends the user's other sessions.",
  })
  changePassword(
    @InputArg(ChangePasswordInput, 'The current and the new password.') input: ChangePasswordInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ChangePasswordPayload> {
    return runMutation(ctx, input, (c, i) => this.authService.changePassword(c, i), { user: null, endedSessionCount: null });
  }

  @Mutation(() => CreateUserPayload, {
    description:
      'Creates a user account with a role and, for FOCAL_POINT and ASSOCIATE, its link. Without a password the user is invited by e-mail, as by inviteUser (prefer that).',
  })
  createUser(@InputArg(CreateUserInput, 'The new account.') input: CreateUserInput, @Ctx() ctx: RequestContext): Promise<CreateUserPayload> {
    return runMutation(ctx, input, (c, i) => this.userService.create(c, i), { user: null });
  }

  @Mutation(() => InviteUserPayload, {
    description:
      'Creates a user account without a password and mails the user a one-time link (under CDP_PUBLIC_URL) to choose one with acceptInvitation. The link works once, until invitationExpiresAt.',
  })
  inviteUser(@InputArg(InviteUserInput, 'The new account.') input: InviteUserInput, @Ctx() ctx: RequestContext): Promise<InviteUserPayload> {
    return runMutation(ctx, input, (c, i) => this.userService.create(c, i, 'inviteUser'), { user: null, invitationExpiresAt: null });
  }

  @Mutation(() => ResendInvitationPayload, {
    description: 'Mails an invited user a new one-time link; the earlier link stops working. Only while the user has not chosen a password.',
  })
  resendInvitation(
    @InputArg(ResendInvitationInput, 'The invited user.') input: ResendInvitationInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ResendInvitationPayload> {
    return runMutation(ctx, input, (c, i) => this.userService.resendInvitation(c, i), { user: null, invitationExpiresAt: null });
  }

  @Mutation(() => AcceptInvitationPayload, {
    description: 'Sets the first password of an invited account with the token of its link, and signs the user in (the answer is login’s). The link works once.',
  })
  acceptInvitation(
    @InputArg(AcceptInvitationInput, 'The token and the chosen password.') input: AcceptInvitationInput,
    @Ctx() ctx: RequestContext,
  ): Promise<AcceptInvitationPayload> {
    return runMutation(ctx, input, (c, i) => this.authService.acceptInvitation(c, i), { token: null, expiresAt: null, user: null });
  }

  @Mutation(() => RequestPasswordResetPayload, {
    description:
      'Mails a one-time link to choose a new password to the account with this e-mail, if an active one has it. The answer is the same either way; repeated requests are throttled (TOO_MANY_ATTEMPTS).',
  })
  requestPasswordReset(
    @InputArg(RequestPasswordResetInput, 'The e-mail of the account.') input: RequestPasswordResetInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RequestPasswordResetPayload> {
    return runMutation(ctx, input, (c, i) => this.authService.requestPasswordReset(c, i), { requestedAt: null, retryAfterSeconds: null });
  }

  @Mutation(() => ResetPasswordPayload, {
    description: "Sets a new password with the token of a reset link (once, within its lifetime) and ends every session of the user; they are told by e-mail.",
  })
  resetPassword(@InputArg(ResetPasswordInput, 'The token and the new password.') input: ResetPasswordInput, @Ctx() ctx: RequestContext): Promise<ResetPasswordPayload> {
    return runMutation(ctx, input, (c, i) => this.authService.resetPassword(c, i), { endedSessionCount: null });
  }

  @Mutation(() => UpdateUserPayload, { description: "Changes a user's e-mail, name, role or links; a role change applies from the user's next request." })
  updateUser(@InputArg(UpdateUserInput, 'The user and the changes.') input: UpdateUserInput, @Ctx() ctx: RequestContext): Promise<UpdateUserPayload> {
    return runMutation(ctx, input, (c, i) => this.userService.update(c, i), { user: null });
  }

  @Mutation(() => DeactivateUserPayload, { description: 'Deactivates a user: they can no longer sign in, and their sessions end at once.' })
  deactivateUser(
    @InputArg(DeactivateUserInput, 'The user to deactivate.') input: DeactivateUserInput,
    @Ctx() ctx: RequestContext,
  ): Promise<DeactivateUserPayload> {
    return runMutation(ctx, input, (c, i) => this.userService.deactivate(c, i), { user: null });
  }
}
