/**
 * The layering inside src-main is held by eslint.config.js; this runs ESLint itself on small
 * fixtures placed (virtually) in each zone, so a rule that silently stops matching fails here.
 */
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: process.cwd() });

/** The no-restricted-imports messages ESLint gives `code` as if it lived at `filePath`. */
async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.fatal)
    .map((m) => m.message);
}

describe('the src-main layering rules', () => {
  it.each([
    [
      'src-main/cloud/fixture.ts',
      "import { readDeviceIdentity } from '../serial/attest';",
      /tokens, not ports/,
    ],
    [
      'src-main/serial/fixture.ts',
      "import { openJournal } from '../cloud/journal';",
      /ports, not the cloud/,
    ],
    [
      'src-main/diagnostics/fixture.ts',
      "import { run } from '../cli/commands/doctor';",
      /Nothing imports the CLI/,
    ],
    [
      'src-main/cloud/fixture.ts',
      "import { createCloudHandlers } from '../handlers/cloudHandlers';",
      /Only services\.ts/,
    ],
    ['src-main/main.ts', "import { run } from './cli/commands/ports';", /Nothing imports the CLI/],
    [
      'src-main/cli/commands/fixture.ts',
      "import { createTokenHandlers } from '../../handlers/tokenHandlers';",
      /Only services\.ts/,
    ],
    ['src-main/serial/fixture.ts', "import { app } from 'electron';", /Only the Electron wiring/],
    [
      'src-main/persistence/settingsStore.ts',
      "import Store from 'electron-store';",
      /Only the Electron wiring/,
    ],
    ['src-main/window.ts', "import { ipcMain } from 'electron';", /Raw IPC/],
    [
      'src-main/cloud/fixture.ts',
      "import { probePorts } from '../diagnostics/probe';",
      /diagnostics imports them/,
    ],
    [
      'src-main/handlers/fixture.ts',
      "import { createMainWindow } from '../window';",
      /Only main\.ts opens the window/,
    ],
    [
      'src-main/persistence/fixture.ts',
      "import { createMainWindow } from '../window';",
      /Only main\.ts opens the window/,
    ],
  ])('rejects a wrong-way import in %s: %s', async (filePath, line, why) => {
    const messages = await restrictedImports(
      filePath,
      `${line}\nexport const used = [${importedName(line)}];\n`,
    );
    expect(messages).toEqual([expect.stringMatching(why)]);
  });

  it.each([
    ['src-main/cli/commands/fixture.ts', "import { openJournal } from '../../cloud/journal';"],
    ['src-main/cli/commands/fixture.ts', "import { AtSession } from '../../serial/atSession';"],
    ['src-main/cli/index.ts', "import { defineCommand } from './command';"],
    ['src-main/diagnostics/fixture.ts', "import { AtSession } from '../serial/atSession';"],
    ['src-main/services.ts', "import { createTokenHandlers } from './handlers/tokenHandlers';"],
    ['src-main/main.ts', "import { app } from 'electron';"],
    ['src-main/main.ts', "import { createMainWindow } from './window';"],
    ['src-main/handlers/fixture.ts', "import { isAllowedExternalUrl } from '../externalLinks';"],
    ['src-main/persistence/electronBackend.ts', "import Store from 'electron-store';"],
    ['src-main/ipc/electronIpc.ts', "import { ipcMain } from 'electron';"],
    [
      'src-main/cloud/fixture.ts',
      "import { decodeAttestationToken } from '../../src-shared/token/decode';",
    ],
  ])('accepts a right-way import in %s: %s', async (filePath, line) => {
    expect(
      await restrictedImports(filePath, `${line}\nexport const used = [${importedName(line)}];\n`),
    ).toEqual([]);
  });
});

/** The one name a fixture line imports, so the fixture uses it (no unused-import noise). */
function importedName(line: string): string {
  const match = /import (?:\{ (\w+) \}|(\w+)) from/.exec(line);
  return match?.[1] ?? match?.[2] ?? '';
}
