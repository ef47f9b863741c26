import { AppError } from '../errors';
import { fromGlobalIdOfType } from '../relay/global-id';
import { UserErrorCode } from './user-error-code';
import { fail } from './user-error';

/**
 * The UUID behind an input field's global ID; a malformed or foreign ID is the user error INVALID_ID on that field.
 * `field` is a name, or a path such as ['administrationIds', '3'] for an item of a list.
 */
export function inputId(globalId: string, typeName: string, field: string | string[]): string {
  const name = [field].flat().join('.');
  try {
    return fromGlobalIdOfType(globalId, typeName, `input.${name}`);
  } catch (err) {
    if (err instanceof AppError) fail(UserErrorCode.INVALID_ID, `${name} must be the ID of a ${typeName}.`, field);
    throw err;
  }
}
