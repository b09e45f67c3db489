/** What `virtual:ipc-methods` holds in a build, computed from the contract for tests. */
import { apiMethods } from '../../src-shared/ipc/contract';
import { contract } from '../../src-shared/ipc/index';

export const methods = apiMethods(contract);
