import { defaultFieldResolver, isNonNullType, isObjectType, type GraphQLField, type GraphQLSchema } from 'graphql';
import type { RequestContext } from '../../graphql/context';
import { AppError } from '../../graphql/errors';
import { ruleFor } from './policy';
import { describeRule, judge, type Rule } from './rules';

const refusal = (verdict: 'anonymous' | 'forbidden', coordinate: string) =>
  verdict === 'anonymous'
    ? new AppError('UNAUTHENTICATED', `Sign in to use ${coordinate}.`)
    : new AppError('FORBIDDEN', `Your role does not allow ${coordinate}.`);

/** Every object field the policy must cover: all but introspection's. */
export function policedFields(schema: GraphQLSchema): Array<{ typeName: string; field: GraphQLField<unknown, unknown> }> {
  return Object.values(schema.getTypeMap())
    .filter(isObjectType)
    .filter((type) => !type.name.startsWith('__'))
    .flatMap((type) => Object.values(type.getFields()).map((field) => ({ typeName: type.name, field })));
}

/**
 * Applies the policy to every field of the built schema: public and row
 * rules cost nothing; other rules wrap the resolver. A refused root field or
 * mutation is UNAUTHENTICATED or FORBIDDEN; a refused field of an object is
 * null (such fields must be nullable, so a refusal never nulls the parent).
 */
export function enforcePolicy(schema: GraphQLSchema): GraphQLSchema {
  const missing: string[] = [];
  const roots = new Set([schema.getQueryType()?.name, schema.getMutationType()?.name, schema.getSubscriptionType()?.name]);
  for (const { typeName, field } of policedFields(schema)) {
    const coordinate = `${typeName}.${field.name}`;
    const rule: Rule | undefined = ruleFor(typeName, field.name);
    if (!rule) {
      missing.push(coordinate);
      continue;
    }
    const note = describeRule(rule);
    if (!note) continue;
    const isRoot = roots.has(typeName);
    if (!isRoot && isNonNullType(field.type)) {
      throw new Error(`${coordinate} has a rule but is non-null: role-gated fields must be nullable`);
    }
    field.description = `${field.description ?? ''} ${note}`.trim();
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = async (parent, args, ctx, info) => {
      const verdict = await judge(rule, ctx as RequestContext, parent);
      if (verdict === 'allow') return resolve(parent, args, ctx, info);
      if (isRoot) throw refusal(verdict, coordinate);
      return null;
    };
    // A subscription is refused when it is asked for, before any event: the rule is judged at subscribe time.
    const subscribe = field.subscribe;
    if (subscribe) {
      field.subscribe = async (parent, args, ctx, info) => {
        const verdict = await judge(rule, ctx as RequestContext, parent);
        if (verdict !== 'allow') throw refusal(verdict, coordinate);
        return subscribe(parent, args, ctx, info);
      };
    }
  }
  if (missing.length) throw new Error(`The access policy has no rule for: ${missing.join(', ')}`);
  return schema;
}
