/** Typed event emission from main to whichever renderer transport is attached. */
import type { Contract, EventKeys, PayloadOf } from '../../src-shared/ipc/contract';

export type EventSink = (channel: string, payload: unknown) => void;

/** Services call `emit('devicesChanged', snapshot)`; the sink is Electron's webContents or the harness. */
export interface EventBus<C extends Contract> {
  emit<K extends EventKeys<C>>(key: K, payload: PayloadOf<C[K]>): void;
  attach(sink: EventSink): () => void;
}

export function createEventBus<C extends Contract>(contract: C): EventBus<C> {
  const sinks = new Set<EventSink>();
  return {
    emit(key, payload) {
      const spec = contract[key];
      if (!spec || spec.kind !== 'event') throw new Error(`Not an event: ${String(key)}`);
      for (const sink of sinks) sink(spec.channel, payload);
    },
    attach(sink) {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
  };
}
