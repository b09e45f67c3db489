/** The renderer bundle as shipped (raw and gzip bytes of out/renderer/assets/*.js and *.css), and the preload. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleSize {
  dir: string;
  files: Array<{ name: string; rawBytes: number; gzipBytes: number }>;
  js: { rawBytes: number; gzipBytes: number };
  css: { rawBytes: number; gzipBytes: number };
}

/** Sizes every .js and .css file in `assetsDir`; undefined when the renderer is not built. */
export function measureBundle(assetsDir: string): BundleSize | undefined {
  let names: string[];
  try {
    names = readdirSync(assetsDir).filter((n) => ['.js', '.css'].includes(extname(n)));
  } catch {
    return undefined;
  }
  const files = names.sort().map((name) => {
    const bytes = readFileSync(join(assetsDir, name));
    // zlib's default level (6), what a web server would typically send.
    return { name, rawBytes: bytes.length, gzipBytes: gzipSync(bytes).length };
  });
  const total = (ext: string) =>
    files
      .filter((f) => extname(f.name) === ext)
      .reduce(
        (sum, f) => ({
          rawBytes: sum.rawBytes + f.rawBytes,
          gzipBytes: sum.gzipBytes + f.gzipBytes,
        }),
        { rawBytes: 0, gzipBytes: 0 },
      );
  return { dir: assetsDir, files, js: total('.js'), css: total('.css') };
}

/** Raw bytes of one built file (the sandboxed preload); undefined when it is not built. */
export function measureFile(path: string): number | undefined {
  try {
    return statSync(path).size;
  } catch {
    return undefined;
  }
}
