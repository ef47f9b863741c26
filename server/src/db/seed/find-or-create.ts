/**
 * The seed's one way of writing a row: find it by its natural key, or create
 * it and count it. This is what makes the seed idempotent and keeps it from
 * overwriting corrections made later through the API.
 */
import type { DeepPartial, EntityManager, FindOptionsWhere } from 'typeorm';

/** Entity names in the order the report lists them. */
export const ENTITY_NAMES = [
  'Region',
  'Administration',
  'Programme',
  'Cohort',
  'Event',
  'ProfessionalAssociate',
  'ResearchProject',
  'ResearchTheme',
  'Certificate',
  'AlumniProfile',
  'Invitation',
  'Nomination',
  'User',
] as const;
export type EntityName = (typeof ENTITY_NAMES)[number];

/** How many rows of each entity the seed created so far. */
export type CreatedCounts = Record<EntityName, number>;

export function noneCreated(): CreatedCounts {
  return Object.fromEntries(ENTITY_NAMES.map((name) => [name, 0])) as CreatedCounts;
}

export function totalCreated(created: CreatedCounts): number {
  return Object.values(created).reduce((sum, n) => sum + n, 0);
}

export type Ensure = <T extends object>(
  entity: { new (): T },
  name: EntityName,
  where: FindOptionsWhere<NoInfer<T>>,
  values: () => DeepPartial<NoInfer<T>>,
) => Promise<{ row: T; isNew: boolean }>;

/** Finds a row by its natural key (`where`), or creates it from `values()` and counts it. */
export function ensurer(manager: EntityManager, created: CreatedCounts): Ensure {
  return async <T extends object>(
    entity: { new (): T },
    name: EntityName,
    where: FindOptionsWhere<NoInfer<T>>,
    values: () => DeepPartial<NoInfer<T>>,
  ) => {
    const repository = manager.getRepository(entity);
    const found = await repository.findOneBy(where);
    if (found) return { row: found, isNew: false };
    const row: T = await repository.save(repository.create(values()));
    created[name] += 1;
    return { row, isNew: true };
  };
}
