/**
 * The serialport binding types. @serialport/bindings-interface has an "exports" map without a
 * "types" condition, so bundler resolution cannot see its declarations by package name; this
 * type-only re-export (erased at build time) points at them directly. Swap for the package name
 * once tsconfig maps it.
 */
export type {
  BindingInterface,
  BindingPortInterface,
  OpenOptions,
  PortInfo,
  PortStatus,
  SetOptions,
  UpdateOptions,
} from '../../../node_modules/@serialport/bindings-interface/dist/index';
