/** Every pty simulator the benchmark starts, so each one is closed at the end, even after an error. */
import {
  startPtySimulator,
  type PtySimulator,
  type PtySimulatorOptions,
} from '../sim/transports/ptySimulator';

/** Starts pty simulators and remembers them until closeAll(). */
export class PtyPool {
  private readonly open = new Set<PtySimulator>();

  async start(options: PtySimulatorOptions): Promise<PtySimulator> {
    const pty = await startPtySimulator(options);
    this.open.add(pty);
    return pty;
  }

  async close(pty: PtySimulator): Promise<void> {
    this.open.delete(pty);
    await pty.close();
  }

  async closeAll(): Promise<void> {
    const all = [...this.open];
    this.open.clear();
    await Promise.allSettled(all.map((pty) => pty.close()));
  }
}

/** Resolves after `ms`. */
export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));
