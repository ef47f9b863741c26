import type { RequestContext } from '../../graphql/context';
import { inputId } from '../../graphql/mutations/input-ids';
import { fail } from '../../graphql/mutations/user-error';
import { UserErrorCode } from '../../graphql/mutations/user-error-code';
import { Programme } from './programme.entity';
import { DEFAULT_PROGRAMME_CODE } from './programme.types';

/** How a mutation's input names a programme: by ID, by code, or both (then they must agree); neither means the default programme. */
export interface ProgrammeReference {
  programmeId?: string | null;
  programmeCode?: string | null;
}

/** The programme an input names: PROGRAMME_NOT_FOUND on the field that named it, PROGRAMME_MISMATCH when ID and code disagree. */
export async function programmeOfInput(tx: RequestContext, ref: ProgrammeReference): Promise<Programme> {
  const byId =
    ref.programmeId == null
      ? null
      : ((await tx.db.findOneBy(Programme, { uuid: inputId(ref.programmeId, 'Programme', 'programmeId') })) ??
        fail(UserErrorCode.PROGRAMME_NOT_FOUND, 'No programme has this ID.', 'programmeId'));
  if (ref.programmeCode == null) return byId ?? programmeByCode(tx, DEFAULT_PROGRAMME_CODE);
  const byCode = await programmeByCode(tx, ref.programmeCode);
  if (byId && byId.uuid !== byCode.uuid) {
    fail(UserErrorCode.PROGRAMME_MISMATCH, `programmeId names ${byId.code}, not ${byCode.code}.`, 'programmeCode');
  }
  return byCode;
}

async function programmeByCode(tx: RequestContext, code: string): Promise<Programme> {
  return (
    (await tx.db.findOneBy(Programme, { code })) ?? fail(UserErrorCode.PROGRAMME_NOT_FOUND, `No programme has the code "${code}".`, 'programmeCode')
  );
}
