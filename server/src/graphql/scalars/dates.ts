import { GraphQLScalarType } from 'graphql';
import { GraphQLDate, GraphQLDateTime } from 'graphql-scalars';
import { DATE_RANGE_TEXT } from '../input/date-range';

const RANGE = `As input it must be ${DATE_RANGE_TEXT}: the range both databases store; outside it a mutation answers INVALID_VALUE and a filter BAD_USER_INPUT.`;

/** graphql-scalars' Date, whose description also states the range inputs accept. */
export const DateScalar = new GraphQLScalarType({ ...GraphQLDate.toConfig(), description: `${GraphQLDate.description} ${RANGE}` });

/** graphql-scalars' DateTime (answered in UTC, to the millisecond), whose description also states the range inputs accept. */
export const DateTimeScalar = new GraphQLScalarType({
  ...GraphQLDateTime.toConfig(),
  description: `${GraphQLDateTime.description} Answers are in UTC with milliseconds; an input's offset is applied and finer fractions are cut to milliseconds. ${RANGE}`,
});
