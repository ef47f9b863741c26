import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  type GraphQLArgument,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLNamedType,
} from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { inputRuleOf, type InputRule } from '../../../server/src/graphql/input/input-rules';
import { ConnectionArgs } from '../../../server/src/graphql/relay/connection';

/** One value a client sends: where it goes in the arguments, its GraphQL type, and the rule the server declares for it. */
export interface InputLeaf {
  /** Path from the arguments, e.g. ['input', 'candidate', 'fullName']. */
  path: string[];
  type: GraphQLInputType;
  named: GraphQLNamedType;
  isList: boolean;
  isRequired: boolean;
  rule?: InputRule;
}

let classes: Map<string, Function> | undefined;
const inputClassOf = (typeName: string) => {
  classes ??= new Map(getMetadataStorage().inputTypes.map((t) => [t.name, t.target]));
  return classes.get(typeName);
};

const unwrapNonNull = (type: GraphQLInputType) => (isNonNullType(type) ? type.ofType : type);

function leavesOf(field: GraphQLInputField | GraphQLArgument, path: string[], owner: Function | undefined, seen: Set<string>): InputLeaf[] {
  const named = getNamedType(field.type);
  if (isInputObjectType(named)) {
    if (seen.has(named.name)) return [];
    const inner = new Set(seen).add(named.name);
    return Object.values(named.getFields()).flatMap((f) => leavesOf(f, [...path, f.name], inputClassOf(named.name), inner));
  }
  return [
    {
      path,
      type: field.type,
      named,
      isList: isListType(unwrapNonNull(field.type)),
      isRequired: isNonNullType(field.type) && field.defaultValue === undefined,
      rule: owner ? inputRuleOf(owner, field.name) : undefined,
    },
  ];
}

/**
 * Every value the arguments of a field take, walked from the schema, with
 * the rules the server declares for them (pagination arguments take
 * ConnectionArgs' rules).
 */
export function inputLeaves(args: readonly GraphQLArgument[]): InputLeaf[] {
  return args.flatMap((arg) => {
    const pagination = ['after', 'before'].includes(arg.name) ? ConnectionArgs : undefined;
    return leavesOf(arg, [arg.name], pagination, new Set());
  });
}

export const isEnumLeaf = (leaf: InputLeaf) => isEnumType(leaf.named);
