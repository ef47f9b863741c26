/**
 * Stand-in for relay-runtime's `graphql` tag, so the operations in this folder type-check
 * without relay-runtime installed. relay-compiler never runs this code: it only reads the
 * text of every `graphql` tagged template under tests/relay (see relay.config.json).
 */
export function graphql(strings: TemplateStringsArray): string {
  return strings.raw.join('');
}
