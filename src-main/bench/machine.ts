/** The benchmark's header: which machine, which Node, when. */
import { cpus, platform, release, totalmem } from 'node:os';

/** Where and when the figures were taken. */
export interface MachineInfo {
  cpuModel: string;
  cores: number;
  totalMemoryGiB: number;
  os: string;
  node: string;
  date: string;
}

/** Reads the machine description from the OS. */
export function machineInfo(now: Date = new Date()): MachineInfo {
  const list = cpus();
  return {
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    totalMemoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${platform()} ${release()}`,
    node: process.version,
    date: now.toISOString(),
  };
}
