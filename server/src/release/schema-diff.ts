import { CriticalityLevel, diff, DiffRule, type Change } from '@graphql-inspector/core';
import { buildSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';
import type { Bump } from './versions';

/** How a schema change affects existing clients, as GraphQL Inspector classifies it. */
export type ChangeLevel = 'BREAKING' | 'DANGEROUS' | 'SAFE';

/** Something removed from the schema that clients may still select or send. */
export interface Removal {
  kind: 'field' | 'input field' | 'argument' | 'enum value';
  /** Its schema coordinate: `Type.field`, `Input.field`, `Type.field(argument:)`, `Enum.VALUE`. */
  coordinate: string;
  /** Its deprecation reason in that schema: undefined when it is absent or not deprecated there. */
  deprecationIn(schema: GraphQLSchema): string | undefined;
}

export interface SchemaChange {
  level: ChangeLevel;
  /** GraphQL Inspector's change type, e.g. FIELD_REMOVED. */
  type: string;
  /** The schema element, e.g. `CreateUserInput.password`; what a change file names to declare a breaking change. */
  path: string;
  message: string;
  /** Inspector's reason for a breaking or dangerous level. */
  reason?: string;
  /** The bump of @cdp-hub/sdk this change needs at least (see `requiredBump`). */
  bump: Exclude<Bump, 'none'>;
  /** For removals of what a document can name: the removed element, which must have been deprecated in a release first. */
  removal?: Removal;
}

const LEVELS: Record<CriticalityLevel, ChangeLevel> = {
  [CriticalityLevel.Breaking]: 'BREAKING',
  [CriticalityLevel.Dangerous]: 'DANGEROUS',
  [CriticalityLevel.NonBreaking]: 'SAFE',
};

/**
 * The SDK bump a change needs, by semver: a breaking change a major; a
 * dangerous one (a new enum value a client's exhaustive switch does not
 * handle, a new default) a minor; so is a safe change that adds to the API or
 * deprecates part of it (semver's "new functionality" and "marked as
 * deprecated"), while descriptions and other safe edits need a patch.
 */
export function requiredBump(level: ChangeLevel, type: string): SchemaChange['bump'] {
  if (level === 'BREAKING') return 'major';
  if (level === 'DANGEROUS') return 'minor';
  if (/_ADDED$/.test(type) && !/DESCRIPTION_ADDED$/.test(type)) return 'minor';
  if (/^SCHEMA_\w+_TYPE_CHANGED$/.test(type)) return 'minor';
  return 'patch';
}

const fieldsOf = (schema: GraphQLSchema, typeName: string) => {
  const type = schema.getType(typeName);
  return isObjectType(type) || isInterfaceType(type) ? type.getFields() : undefined;
};

function removalOf(change: Change): Removal | undefined {
  const meta = change.meta as Record<string, string>;
  switch (change.type) {
    case 'FIELD_REMOVED':
      return {
        kind: 'field',
        coordinate: `${meta.typeName}.${meta.removedFieldName}`,
        deprecationIn: (schema) => fieldsOf(schema, meta.typeName!)?.[meta.removedFieldName!]?.deprecationReason ?? undefined,
      };
    case 'INPUT_FIELD_REMOVED':
      return {
        kind: 'input field',
        coordinate: `${meta.inputName}.${meta.removedFieldName}`,
        deprecationIn: (schema) => {
          const type = schema.getType(meta.inputName!);
          return isInputObjectType(type) ? (type.getFields()[meta.removedFieldName!]?.deprecationReason ?? undefined) : undefined;
        },
      };
    case 'FIELD_ARGUMENT_REMOVED':
      return {
        kind: 'argument',
        coordinate: `${meta.typeName}.${meta.fieldName}(${meta.removedFieldArgumentName}:)`,
        deprecationIn: (schema) =>
          fieldsOf(schema, meta.typeName!)?.[meta.fieldName!]?.args.find((arg) => arg.name === meta.removedFieldArgumentName)?.deprecationReason ?? undefined,
      };
    case 'ENUM_VALUE_REMOVED':
      return {
        kind: 'enum value',
        coordinate: `${meta.enumName}.${meta.removedEnumValueName}`,
        deprecationIn: (schema) => {
          const type = schema.getType(meta.enumName!);
          return isEnumType(type) ? (type.getValue(meta.removedEnumValueName!)?.deprecationReason ?? undefined) : undefined;
        },
      };
    default:
      return undefined;
  }
}

const key = (change: Change) => `${change.type} ${change.path ?? ''} ${change.message}`;

/**
 * Every change from `oldSdl` to `newSdl`, classified by GraphQL Inspector's
 * diff. Inspector's simplifyChanges rule folds what an addition implies (the
 * fields of a new type, the descriptions of a new field) into the addition,
 * so the list reads as a changelog; a breaking or dangerous change is never
 * folded away (the full diff's are added back should the rule ever drop one).
 */
export async function diffSchemas(oldSdl: string, newSdl: string): Promise<SchemaChange[]> {
  const [oldSchema, newSchema] = [buildSchema(oldSdl), buildSchema(newSdl)];
  const [full, simplified] = await Promise.all([diff(oldSchema, newSchema), diff(oldSchema, newSchema, [DiffRule.simplifyChanges])]);
  const kept = new Set(simplified.map(key));
  const changes = [...simplified, ...full.filter((change) => change.criticality.level !== CriticalityLevel.NonBreaking && !kept.has(key(change)))];
  return changes.map((change) => {
    const level = LEVELS[change.criticality.level];
    const removal = removalOf(change);
    return {
      level,
      type: change.type,
      path: change.path ?? '(schema)',
      message: change.message,
      ...(change.criticality.reason && level !== 'SAFE' ? { reason: change.criticality.reason } : {}),
      bump: requiredBump(level, change.type),
      ...(removal ? { removal } : {}),
    };
  });
}
