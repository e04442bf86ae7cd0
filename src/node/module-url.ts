/**
 * URL of a sibling library module for worker tasks. When the library runs from its TypeScript
 * sources (vitest, tsx) the file is `.ts`; when built it is `.js`.
 * @example moduleUrl(import.meta.url, '../exact/enumerate')
 */
export function moduleUrl(base: string, relativeWithoutExtension: string): URL {
  return new URL(`${relativeWithoutExtension}${base.endsWith('.ts') ? '.ts' : '.js'}`, base);
}
