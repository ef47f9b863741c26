import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLSchema,
} from 'graphql';
import { buildCdpSchema, schemaSdl } from '../../server/src/graphql/schema';

const SCHEMA_FILE = path.resolve(__dirname, '..', '..', 'schema.graphql');

/** Every place in the schema that lacks a description, as "Type.field(arg)" paths. */
function undocumented(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (!type.description) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!field.description) missing.push(`${type.name}.${field.name}`);
        for (const arg of 'args' in field ? field.args : []) {
          if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
    }
    if (isScalarType(type) || isUnionType(type)) continue;
  }
  return missing;
}

describe('schema.graphql', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildCdpSchema();
  });

  it('is what the code emits (run `npm run schema` after changing the API)', () => {
    expect(fs.readFileSync(SCHEMA_FILE, 'utf8')).toBe(schemaSdl(schema));
  });

  it('documents every type, field, argument and enum value', () => {
    const builtIn = new Set(['String', 'Boolean', 'Int', 'Float', 'ID']);
    expect(undocumented(schema).filter((name) => !builtIn.has(name))).toEqual([]);
  });

  it('has every query of the contract', () => {
    const contract = [
      'node', 'nodes', 'viewer', 'programme', 'programmes', 'regions', 'administrations', 'administration',
      'cohorts', 'cohort', 'associates', 'nominations', 'researchProjects', 'searchResearch', 'events',
      'alumni', 'alumniNetwork', 'programmeStatistics', 'verifyCertificate',
    ];
    const fields = Object.keys(schema.getQueryType()!.getFields());
    expect(contract.filter((name) => !fields.includes(name))).toEqual([]);
  });

  it('makes every stored type a Node', () => {
    const nodeTypes = schema.getPossibleTypes(schema.getType('Node') as never).map((t) => t.name).sort();
    expect(nodeTypes).toEqual(
      [
        'Administration', 'AlumniActivity', 'AlumniProfile', 'Certificate', 'Cohort', 'Event', 'Invitation',
        'Milestone', 'Nomination', 'ProfessionalAssociate', 'Programme', 'Region', 'ResearchProject', 'Review', 'User',
      ].sort(),
    );
  });
});
