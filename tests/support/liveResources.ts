/**
 * Which timers and I/O requests that were started while watching are still alive. Built on
 * async_hooks so that a timer someone else started before (the test runner, a simulator's boot
 * timer) and that fires meanwhile cannot make a leak look like a clean exit or a clean exit look
 * like a leak, as comparing two process.getActiveResourcesInfo() counts did.
 */
import { createHook } from 'node:async_hooks';

/** Resource types a process can be kept alive by; promises and ticks are not among them. */
const KEPT_ALIVE_BY = new Set([
  'Timeout',
  'Immediate',
  'FSREQCALLBACK',
  'FSREQPROMISE',
  'GETADDRINFOREQWRAP',
]);

interface Watched {
  type: string;
  resource: { hasRef?: () => boolean };
}

export interface ResourceWatch {
  /**
   * Types of what was started while watching and still keeps the process alive, sorted; asked
   * after two turns of the event loop, since Node reports a cleared timer's end a little later.
   */
  alive(): Promise<string[]>;
  stop(): void;
}

export function watchResources(): ResourceWatch {
  const live = new Map<number, Watched>();
  let ownTurn = false;
  const hook = createHook({
    init(asyncId, type, _trigger, resource) {
      if (!ownTurn && KEPT_ALIVE_BY.has(type))
        live.set(asyncId, { type, resource: resource as Watched['resource'] });
    },
    destroy(asyncId) {
      live.delete(asyncId);
    },
  });
  hook.enable();
  const turn = () =>
    new Promise<void>((resolve) => {
      ownTurn = true;
      setImmediate(resolve);
      ownTurn = false;
    });
  return {
    alive: async () => {
      await turn();
      await turn();
      return (
        [...live.values()]
          // An unref'd timer does not keep the process alive; a cleared or fired one is destroyed.
          .filter(({ resource }) => typeof resource.hasRef !== 'function' || resource.hasRef())
          .map(({ type }) => type)
          .sort()
      );
    },
    stop: () => hook.disable(),
  };
}
