import { ArrayMaxSize, IsOptional, MaxLength } from 'class-validator';

/** Longer search text matches nothing useful, and SQLite refuses very long LIKE patterns. */
export const MAX_FILTER_TEXT_LENGTH = 100;
/** Global IDs are about 60 characters; anything much longer is not one. */
export const MAX_ID_LENGTH = 200;

/**
 * Bounds on filter input fields, checked by class-validator (through
 * TypeGraphQL) before a resolver runs: too long or too many is
 * BAD_USER_INPUT, never an SQL error. Absent values are allowed.
 */
const bounded =
  (...decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) => {
    IsOptional()(target, key as string);
    for (const decorate of decorators) decorate(target, key);
  };

export const BoundedText = (max = MAX_FILTER_TEXT_LENGTH) => bounded(MaxLength(max));
export const BoundedId = () => bounded(MaxLength(MAX_ID_LENGTH));
export const BoundedList = (maxItems: number) => bounded(ArrayMaxSize(maxItems));
/** An enum list needs each value once at most. */
export const BoundedEnumList = (values: object) => BoundedList(Object.keys(values).length);
