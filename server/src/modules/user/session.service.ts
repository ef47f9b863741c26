import { IsNull, MoreThan, Not, type EntityManager } from 'typeorm';
import type { AuthSettings } from '../../auth/auth-settings';
import { newSessionToken, SESSION_TOKEN_PATTERN, tokenDigest } from '../../auth/tokens';
import { commitNotice } from '../../db/database';
import { AppError } from '../../graphql/errors';
import type { RequestContext } from '../../graphql/context';
import { Session, type SessionEndReason } from './session.entity';
import type { Viewer } from './viewer';

const unauthenticated = (why: string) =>
  new AppError('UNAUTHENTICATED', `The bearer token is ${why}. Sign in again with the login mutation.`, { http: { status: 401 } });

/**
 * Who the Authorization header names. No header means anonymous; anything
 * else that is not a live session of an active user is UNAUTHENTICATED,
 * never silently anonymous.
 */
export async function viewerFromHeader(
  db: EntityManager,
  auth: AuthSettings,
  header: string | undefined,
  now: Date,
): Promise<Viewer | null> {
  return (await sessionFromHeader(db, auth, header, now))?.viewer ?? null;
}

/** viewerFromHeader with the session's end: a WebSocket is closed when its session expires. */
export async function sessionFromHeader(
  db: EntityManager,
  auth: AuthSettings,
  header: string | undefined,
  now: Date,
): Promise<{ viewer: Viewer; expiresAt: Date } | null> {
  if (header === undefined || header.trim() === '') return null;
  const match = /^Bearer ([^\s]+)$/i.exec(header.trim());
  if (!match) throw unauthenticated('missing or malformed: send "Authorization: Bearer <token>"');
  if (!SESSION_TOKEN_PATTERN.test(match[1])) throw unauthenticated('not one this server issued');
  // The session and its user in one statement: every signed-in request reads both.
  const session = await db.findOne(Session, { where: { tokenHash: tokenDigest(auth.pepper, match[1]) }, relations: { user: true } });
  if (!session) throw unauthenticated('not one this server issued');
  if (session.endedAt) throw unauthenticated('revoked');
  if (session.expiresAt <= now) throw unauthenticated('expired');
  const user = session.user;
  if (!user?.isActive) throw unauthenticated('revoked');
  return {
    viewer: {
      userId: user.uuid,
      sessionId: session.uuid,
      role: user.role,
      administrationId: user.administrationId,
      associateId: user.associateId,
    },
    expiresAt: session.expiresAt,
  };
}

/** Sessions: started at sign-in, ended by logout, a password change or deactivation. Callers are inside a transaction. */
export const sessions = {
  async start(tx: RequestContext, auth: AuthSettings, userId: string): Promise<{ token: string; session: Session }> {
    const token = newSessionToken();
    const now = tx.clock.now();
    const session = await tx.db.save(
      tx.db.create(Session, {
        userId,
        tokenHash: tokenDigest(auth.pepper, token),
        createdAt: now,
        expiresAt: new Date(now.getTime() + auth.sessionTtlMs),
        endedAt: null,
        endReason: null,
      }),
    );
    return { token, session };
  },

  /** Ends the user's live sessions, except `keepSessionId`; returns how many ended. */
  async endAll(tx: RequestContext, userId: string, reason: SessionEndReason, keepSessionId?: string): Promise<number> {
    const now = tx.clock.now();
    const result = await tx.db.update(
      Session,
      {
        userId,
        endedAt: IsNull(),
        expiresAt: MoreThan(now),
        ...(keepSessionId ? { uuid: Not(keepSessionId) } : {}),
      },
      { endedAt: now, endReason: reason },
    );
    // Their live subscriptions end once this commits, on every instance (see LiveHub).
    commitNotice(tx.db).endedSessions.push({ userId, exceptSessionId: keepSessionId });
    return result.affected ?? 0;
  },

  async end(tx: RequestContext, userId: string, sessionId: string, reason: SessionEndReason): Promise<void> {
    await tx.db.update(Session, { uuid: sessionId, endedAt: IsNull() }, { endedAt: tx.clock.now(), endReason: reason });
    commitNotice(tx.db).endedSessions.push({ userId, sessionId });
  },
};
