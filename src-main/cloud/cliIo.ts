/** What a CLI command gets from the entry point, so tests can hand it buffers and a fake env. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: Record<string, string | undefined>;
  /** Where the journal lives when ONBOARDER_DATA_DIR is not set (the app's user-data folder). */
  defaultDataDir: string;
}
