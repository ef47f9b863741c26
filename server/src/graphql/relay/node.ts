import { Field, ID, InterfaceType, ObjectType } from 'type-graphql';
import { Column, Index, PrimaryGeneratedColumn } from 'typeorm';
import { toGlobalId } from './global-id';

const typeNames = new Map<Function, string>();

/** The GraphQL type name of an entity instance or class registered with @NodeObject. */
export function nodeTypeNameOf(value: object | Function): string {
  const ctor = typeof value === 'function' ? value : value.constructor;
  const name = typeNames.get(ctor);
  if (!name) throw new Error(`${ctor.name} is not registered as a Node type`);
  return name;
}

/** Made once after the types are registered (every ID decoded and every audit entry asks for it), not per call. */
let names: ReadonlySet<string> | undefined;

export function nodeTypeNames(): ReadonlySet<string> {
  return (names ??= new Set(typeNames.values()));
}

/**
 * Base of every stored object that clients can address by ID. It is the
 * GraphQL `Node` interface and the TypeORM base with a UUID key and timestamps.
 */
@InterfaceType('Node', {
  description:
    'An object with a globally unique, opaque ID. Any Node can be fetched again with `node(id:)` or `nodes(ids:)`.',
  resolveType: (value: object) => nodeTypeNameOf(value),
})
export abstract class Node {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  uuid: string;

  @Field(() => ID, {
    name: 'id',
    description: 'Globally unique, opaque identifier of this object. Do not parse it; pass it back as is.',
  })
  get id(): string {
    return toGlobalId(nodeTypeNameOf(this), this.uuid);
  }

  /**
   * Written by the application from the request's clock (ClockStampSubscriber),
   * not by a database default: database clocks store seconds (SQLite) or
   * microseconds (PostgreSQL), while cursors carry JavaScript's milliseconds
   * and must compare equal to the stored value.
   */
  @Index()
  @Column({ type: Date })
  createdAt: Date;

  @Index()
  @Column({ type: Date })
  updatedAt: Date;
}

/** Declares an entity class as a GraphQL object type implementing Node. */
export function NodeObject(name: string, description: string): ClassDecorator {
  return (target) => {
    typeNames.set(target, name);
    names = undefined;
    ObjectType(name, { description, implements: Node })(target);
  };
}
