import {
  Kind,
  parse,
  print,
  visit,
  type ConstDirectiveNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type InputObjectTypeDefinitionNode,
  type InputValueDefinitionNode,
  type ObjectTypeDefinitionNode,
} from 'graphql';

/**
 * Deliberate edits of a schema's SDL, for the breaking-change gate's tests:
 * each takes the SDL and returns it changed, through the AST so that an edit
 * touches exactly the element it names.
 */
type Edit = (document: DocumentNode) => DocumentNode;

const apply = (sdl: string, edit: Edit) => print(edit(parse(sdl)));

const parseField = (sdl: string) => (parse(`type T { ${sdl} }`).definitions[0] as ObjectTypeDefinitionNode).fields![0]!;
const parseInputField = (sdl: string) => (parse(`input T { ${sdl} }`).definitions[0] as InputObjectTypeDefinitionNode).fields![0]!;
const parseArgument = (sdl: string) => parseField(`f(${sdl}): Int`).arguments![0]!;
const deprecated = (reason: string): ConstDirectiveNode => parseField(`f: Int @deprecated(reason: ${JSON.stringify(reason)})`).directives![0]!;

/** Applies `change` to the fields of the object, interface or input type named `typeName`; fails when it matched nothing. */
function onFields<T extends FieldDefinitionNode | InputValueDefinitionNode>(typeName: string, change: (fields: readonly T[]) => T[]): Edit {
  return (document) => {
    let matched = false;
    const edited = visit(document, {
      enter(node) {
        if ((node.kind === Kind.OBJECT_TYPE_DEFINITION || node.kind === Kind.INTERFACE_TYPE_DEFINITION || node.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION) && node.name.value === typeName && node.fields) {
          matched = true;
          return { ...node, fields: change(node.fields as readonly T[]) };
        }
        return undefined;
      },
    });
    if (!matched) throw new Error(`No type ${typeName} with fields in the schema`);
    return edited;
  };
}

function field<T extends FieldDefinitionNode | InputValueDefinitionNode>(fields: readonly T[], name: string): T {
  const found = fields.find((f) => f.name.value === name);
  if (!found) throw new Error(`No field ${name}`);
  return found;
}

export const schemaEdits = {
  /** Removes a field of an object, interface or input type. */
  removeField: (sdl: string, typeName: string, fieldName: string) =>
    apply(sdl, onFields(typeName, (fields) => (field(fields, fieldName), fields.filter((f) => f.name.value !== fieldName)))),
  /** Adds a field (SDL such as `nickname: String`) to an object or interface type. */
  addField: (sdl: string, typeName: string, fieldSdl: string) => apply(sdl, onFields<FieldDefinitionNode>(typeName, (fields) => [...fields, parseField(fieldSdl)])),
  /** Replaces an input field by another definition (SDL such as `password: String`). */
  replaceInputField: (sdl: string, typeName: string, fieldName: string, fieldSdl: string) =>
    apply(sdl, onFields<InputValueDefinitionNode>(typeName, (fields) => fields.map((f) => (f.name.value === fieldName ? { ...parseInputField(fieldSdl), description: f.description } : f)))),
  /** Marks a field or input field @deprecated with this reason. */
  deprecate: (sdl: string, typeName: string, fieldName: string, reason: string) =>
    apply(
      sdl,
      onFields(typeName, (fields) => (field(fields, fieldName), fields.map((f) => (f.name.value === fieldName ? { ...f, directives: [...(f.directives ?? []), deprecated(reason)] } : f)))),
    ),
  /** Sets the description of a field. */
  describe: (sdl: string, typeName: string, fieldName: string, description: string) =>
    apply(
      sdl,
      onFields(typeName, (fields) => (field(fields, fieldName), fields.map((f) => (f.name.value === fieldName ? { ...f, description: { kind: Kind.STRING, value: description, block: true } } : f)))),
    ),
  /** Adds an argument (SDL such as `first: Int!`) to a field. */
  addArgument: (sdl: string, typeName: string, fieldName: string, argumentSdl: string) =>
    apply(
      sdl,
      onFields<FieldDefinitionNode>(typeName, (fields) => (field(fields, fieldName), fields.map((f) => (f.name.value === fieldName ? { ...f, arguments: [...(f.arguments ?? []), parseArgument(argumentSdl)] } : f)))),
    ),
  /** Adds a value to an enum. */
  addEnumValue: (sdl: string, enumName: string, value: string) =>
    apply(sdl, (document) =>
      visit(document, {
        EnumTypeDefinition(node) {
          if (node.name.value !== enumName) return undefined;
          return { ...node, values: [...(node.values ?? []), { kind: Kind.ENUM_VALUE_DEFINITION, name: { kind: Kind.NAME, value } }] };
        },
      }),
    ),
};
