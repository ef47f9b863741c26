/*
 * graphql-ws publishes its ws adapter as the subpath export "graphql-ws/use/ws",
 * which Node resolves at run time; TypeScript's "node" module resolution
 * (tsconfig.base.json) reads no exports map, so the types are pointed at here.
 */
declare module 'graphql-ws/use/ws' {
  export * from 'graphql-ws/dist/use/ws';
}
