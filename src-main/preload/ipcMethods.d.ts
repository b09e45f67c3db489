/** The contract's method table, generated at build time by ipcMethodsPlugin.ts. */
declare module 'virtual:ipc-methods' {
  export const methods: ReadonlyArray<{
    method: string;
    kind: 'invoke' | 'event';
    channel: string;
  }>;
}
