import type { FormattedExecutionResult } from 'graphql';

/** The serialized text of each answer the cache holds, by its data object. */
const texts = new WeakMap<object, string>();

/** Remembers how an answer is sent, so that sending it again costs no serialization. */
export function rememberText(data: object, text: string): void {
  texts.set(data, text);
}

/** An answer of data alone, serialized exactly as Apollo serializes it (JSON and a newline). */
export function answerText(data: object): string {
  return `${JSON.stringify({ data })}\n`;
}

/**
 * Apollo's `stringifyResult`: a cached answer is sent as the text stored with
 * it (serializing it again was the largest cost of a hit); anything else as
 * Apollo's own default does.
 */
export function stringifyResult(value: FormattedExecutionResult): string {
  if (value.data && !value.errors && !value.extensions) {
    const text = texts.get(value.data);
    if (text !== undefined) return text;
  }
  return `${JSON.stringify(value)}\n`;
}
