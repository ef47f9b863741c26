import { ArrayMaxSize, IsOptional } from 'class-validator';
import { Reference, Text } from './input/input-rules';

/** Longer search text matches nothing useful, and SQLite refuses very long LIKE patterns. */
export const MAX_FILTER_TEXT_LENGTH = 100;
/** Global IDs are about 60 characters; anything much longer is not one. */
export const MAX_ID_LENGTH = 200;

/**
 * Bounds on filter input fields, checked by class-validator (through
 * TypeGraphQL's validateFn, see argument-validation.ts) before a resolver
 * runs: too long or too many is BAD_USER_INPUT, never an SQL error. Absent
 * values are allowed; text is normalised like every input text (NFC,
 * trimmed), and an empty text narrows nothing.
 */
const bounded =
  (...decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) => {
    IsOptional()(target, key as string);
    for (const decorate of decorators) decorate(target, key);
  };

export const BoundedText = (max = MAX_FILTER_TEXT_LENGTH, options: { each?: boolean } = {}) =>
  Text({ max, min: 0, optional: true, each: options.each });
export const BoundedId = () => Reference(MAX_ID_LENGTH, { optional: true });
export const BoundedList = (maxItems: number) => bounded(ArrayMaxSize(maxItems));
/** An enum list needs each value once at most. */
export const BoundedEnumList = (values: object) => BoundedList(Object.keys(values).length);
