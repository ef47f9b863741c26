import { Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { InputArg } from '../../graphql/mutations/input-arg';
import { runMutation } from '../../graphql/mutations/run-mutation';
import { AlumniRecordService } from './alumni-record.service';
import { RecordAlumniActivityInput, UpdateAlumniProfileInput } from './alumni.inputs';
import { RecordAlumniActivityPayload, UpdateAlumniProfilePayload } from './alumni.payloads';

@Resolver()
export class AlumniMutations {
  private readonly records = new AlumniRecordService();

  @Mutation(() => UpdateAlumniProfilePayload, {
    description: 'Changes the current position or liaison role of an alumnus (a COMPLETED placement): the alumnus themself, or ADMIN.',
  })
  updateAlumniProfile(
    @InputArg(UpdateAlumniProfileInput, 'The alumnus and the changes.') input: UpdateAlumniProfileInput,
    @Ctx() ctx: RequestContext,
  ): Promise<UpdateAlumniProfilePayload> {
    return runMutation(ctx, input, (c, i) => this.records.updateProfile(c, i), { alumniProfile: null });
  }

  @Mutation(() => RecordAlumniActivityPayload, {
    description: 'Records something an alumnus (a COMPLETED placement) did, dated today or earlier: the alumnus themself, or ADMIN.',
  })
  recordAlumniActivity(
    @InputArg(RecordAlumniActivityInput, 'The alumnus and the activity.') input: RecordAlumniActivityInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RecordAlumniActivityPayload> {
    return runMutation(ctx, input, (c, i) => this.records.recordActivity(c, i), { activity: null });
  }
}
