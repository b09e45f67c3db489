/**
 * `nrf-onboard onboard`: many kits at once on the window's pipeline. The work is in
 * onboarding/onboardCommand.ts; this file parses the line and hands over.
 */
import {
  onboardOptions,
  onboardUsage,
  OnboardUsageError,
  refuseKeyOnCommandLine,
  runOnboard,
  type OnboardDeps,
} from '../../onboarding/onboardCommand';
import { resolveDataDir } from '../../persistence/dataDir';
import { nativeBinding } from '../../serial/portConnection';
import { readAppSettings } from '../appSettings';
import { defineCommand, UsageError } from '../command';

export const usage = onboardUsage;

/** The onboarding module's usage errors in the command table's terms (exit 2). */
async function asUsage<T>(action: () => T | Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof OnboardUsageError) throw new UsageError(error.message);
    throw error;
  }
}

export const { run } = defineCommand({
  usage,
  options: onboardOptions,
  check: (argv) => {
    try {
      refuseKeyOnCommandLine(argv);
    } catch (error) {
      throw error instanceof OnboardUsageError ? new UsageError(error.message) : error;
    }
  },
  deps: (): OnboardDeps => ({ binding: nativeBinding, isTty: process.stderr.isTTY === true }),
  run({ values, io, out, deps }) {
    const dataDir = resolveDataDir({ flag: values['data-dir'], env: io.env });
    const { settings, notices } = readAppSettings(dataDir);
    for (const notice of notices) out.warn(`${notice.code}: ${notice.message}`);
    return asUsage(() => runOnboard({ values, io, dataDir, settings, deps }));
  },
});
