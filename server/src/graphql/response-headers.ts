import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from './context';

/** Sends the headers that rules asked for (e.g. Retry-After of a throttled sign-in). */
export function responseHeadersPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          for (const [name, value] of contextValue.request?.responseHeaders ?? []) response.http.headers.set(name.toLowerCase(), value);
        },
      };
    },
  };
}
