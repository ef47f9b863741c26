import type { ValidationRule } from 'graphql';
import { unstorableText } from '../limits/refusal';
import { isUnstorable } from './text';

/**
 * Refuses a document whose string literals hold NUL or a lone surrogate
 * (written as `\u0000` or `\ud800` escapes), as checkVariables does for
 * variables: no database stores them as sent, and PostgreSQL fails on NUL.
 */
export const literalTextRule: ValidationRule = (context) => ({
  StringValue(node) {
    if (isUnstorable(node.value)) context.reportError(unstorableText('A string in the document'));
  },
});
