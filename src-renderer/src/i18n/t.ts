/** The tiny translation helper: a typed dotted key into the English table, with `{var}` filling. */
import { en, type MessageTree } from './en';

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** Every valid key, e.g. `'copy.copied'`; a typo fails to compile. */
export type MessageKey = Leaves<typeof en>;

export type MessageVars = Readonly<Record<string, string | number>>;

/** Looks up `key` and fills `{name}` placeholders from `vars`. */
export function t(key: MessageKey, vars?: MessageVars): string {
  let node: string | MessageTree | undefined = en;
  for (const part of key.split('.')) {
    node = typeof node === 'object' ? node[part] : undefined;
  }
  if (typeof node !== 'string') return key;
  if (!vars) return node;
  return node.replace(/\{(\w+)\}/g, (match, name: string) => {
    const value = vars[name];
    return value === undefined ? match : String(value);
  });
}
