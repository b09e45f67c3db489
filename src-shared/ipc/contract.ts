/**
 * The building blocks of the typed IPC contract. Each domain file declares its channels once, as
 * runtime values; the preload, the main-process wrapper and the e2e harness all derive from them.
 */
import type { z } from 'zod';
import type { Result } from './errors';

/** Phantom marker carrying an output or payload type; it has no runtime content. */
export interface Returns<T> {
  readonly __type?: T;
}
export const returns = <T>(): Returns<T> => ({});

/** A request from the renderer that main answers with a Result. */
export interface InvokeChannel<I extends z.ZodType, O> {
  readonly kind: 'invoke';
  readonly channel: string;
  readonly input: I;
  readonly output: Returns<O>;
}

/** A message main pushes to the renderer. */
export interface EventChannel<P> {
  readonly kind: 'event';
  readonly channel: string;
  readonly payload: Returns<P>;
}

type ChannelName = `${string}:${string}`;

export const invoke = <I extends z.ZodType, O>(
  channel: ChannelName,
  input: I,
  output: Returns<O>,
): InvokeChannel<I, O> => ({ kind: 'invoke', channel, input, output });

export const event = <P>(channel: ChannelName, payload: Returns<P>): EventChannel<P> => ({
  kind: 'event',
  channel,
  payload,
});

export type AnyInvoke = InvokeChannel<z.ZodType, unknown>;
export type AnyEvent = EventChannel<unknown>;
export type Contract = Record<string, AnyInvoke | AnyEvent>;

export type InvokeKeys<C extends Contract> = {
  [K in keyof C]: C[K] extends AnyInvoke ? K : never;
}[keyof C] &
  string;
export type EventKeys<C extends Contract> = {
  [K in keyof C]: C[K] extends AnyEvent ? K : never;
}[keyof C] &
  string;

export type InputOf<T> = T extends InvokeChannel<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<T> = T extends InvokeChannel<infer I, unknown> ? z.output<I> : never;
export type OutputOf<T> = T extends InvokeChannel<z.ZodType, infer O> ? O : never;
export type PayloadOf<T> = T extends EventChannel<infer P> ? P : never;

/** `devicesChanged` becomes `onDevicesChanged`. */
export type EventMethodName<K extends string> = `on${Capitalize<K>}`;
export const eventMethodName = <K extends string>(key: K): EventMethodName<K> =>
  `on${key.charAt(0).toUpperCase()}${key.slice(1)}` as EventMethodName<K>;

/** What the renderer sees as `window.api`: one function per invoke, one subscribe per event. */
export type ApiOf<C extends Contract> = {
  [K in InvokeKeys<C>]: (input: InputOf<C[K]>) => Promise<Result<OutputOf<C[K]>>>;
} & {
  [K in EventKeys<C> as EventMethodName<K>]: (
    listener: (payload: PayloadOf<C[K]>) => void,
  ) => () => void;
};

/** One row of an API's method table: method name -> channel and kind. */
export interface ApiMethod {
  method: string;
  kind: 'invoke' | 'event';
  channel: string;
}

/** The method table of an API. Shared by the preload (generated at build time) and the harness. */
export function apiMethods(contract: Contract): ApiMethod[] {
  return Object.entries(contract).map(([key, spec]) => ({
    method: spec.kind === 'invoke' ? key : eventMethodName(key),
    kind: spec.kind,
    channel: spec.channel,
  }));
}

/** The two ways an API reaches main: the preload passes ipcRenderer, tests pass fakes. */
export interface ApiTransport {
  invoke: (channel: string, input: unknown) => Promise<unknown>;
  subscribe: (channel: string, listener: (payload: unknown) => void) => () => void;
}

/**
 * Builds an API object from a method table alone, so the sandboxed preload needs no schema (and
 * no zod): `C` only types the result.
 */
export function buildApiFromMethods<C extends Contract>(
  methods: readonly ApiMethod[],
  transport: ApiTransport,
): ApiOf<C> {
  const api: Record<string, unknown> = {};
  for (const { method, kind, channel } of methods) {
    api[method] =
      kind === 'invoke'
        ? (input: unknown) => transport.invoke(channel, input)
        : (listener: (payload: unknown) => void) => transport.subscribe(channel, listener);
  }
  return api as ApiOf<C>;
}

/** Builds an API object from a contract and two transports. */
export function buildApi<C extends Contract>(contract: C, transport: ApiTransport): ApiOf<C> {
  return buildApiFromMethods<C>(apiMethods(contract), transport);
}
