/** Kit recognition and port grouping, pure so main, the CLI and tests share it. */
export { identifyKit, kitOfSerialNumber, kits, normaliseUsbId } from './kits';
export type { KitId, KitSpec, PortInfo } from './kits';
export { interfaceNumberOf, naturalCompare } from './interfaceNumber';
export { groupPorts } from './groupPorts';
export type { Device, DevicePort, PortRole } from './groupPorts';
export { jobModelLabel, modelLabel, sipName } from './modelLabel';
export type { ModelFacts } from './modelLabel';
