import type { RequestContext } from '../../graphql/context';
import { UserRole } from '../../modules/user/user-role';

/**
 * Who may read a field or call a mutation.
 * - public: anyone, signed in or not;
 * - rows: whoever may see the object (the type's row rule, applied where
 *   objects are listed or fetched) sees all its fields;
 * - signedIn / roles: the viewer's sign-in or role;
 * - owner: a test on the viewer and the parent object, e.g. "the focal
 *   point of this associate's administration".
 */
export type Rule =
  | { kind: 'public' }
  | { kind: 'rows'; who: string }
  | { kind: 'signedIn' }
  | { kind: 'roles'; roles: UserRole[] }
  | { kind: 'owner'; who: string; allows: (ctx: RequestContext, parent: any) => boolean | Promise<boolean> };

export const PUBLIC: Rule = { kind: 'public' };
export const SIGNED_IN: Rule = { kind: 'signedIn' };
export const roles = (...allowed: UserRole[]): Rule => ({ kind: 'roles', roles: allowed });
export const rows = (who: string): Rule => ({ kind: 'rows', who });
export const owner = (who: string, allows: (ctx: RequestContext, parent: any) => boolean | Promise<boolean>): Rule => ({
  kind: 'owner',
  who,
  allows,
});

/** Why a rule refused: nobody signed in, or the wrong person. */
export type Verdict = 'allow' | 'anonymous' | 'forbidden';

export async function judge(rule: Rule, ctx: RequestContext, parent: unknown): Promise<Verdict> {
  if (rule.kind === 'public' || rule.kind === 'rows') return 'allow';
  if (!ctx.viewer) return 'anonymous';
  if (rule.kind === 'signedIn') return 'allow';
  if (rule.kind === 'roles') return rule.roles.includes(ctx.viewer.role) ? 'allow' : 'forbidden';
  return (await rule.allows(ctx, parent)) ? 'allow' : 'forbidden';
}

/** The sentence a field's description gains, so the docs pane says who sees it. */
export function describeRule(rule: Rule): string | null {
  switch (rule.kind) {
    case 'public':
    case 'rows':
      return null;
    case 'signedIn':
      return 'Requires sign-in.';
    case 'roles':
      return `Only for ${rule.roles.join(', ')}.`;
    case 'owner':
      return `Only for ${rule.who}; null for anyone else.`;
  }
}
