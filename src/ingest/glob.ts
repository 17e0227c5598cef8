// Glob expansion for a config file's `inputs` (contract §14): `*`, `?`, `[...]`,
// `{a,b}` and `**`, as a shell with globstar expands them. Node 20 has no fs.glob.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const MAGIC = /[*?[{]/;

/** `a{b,c}d` → `abd`, `acd`; braces without a top-level comma stay as they are. */
export function expandBraces(pattern: string): string[] {
  let depth = 0;
  let open = -1;
  const commas: number[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "{") {
      if (depth === 0) open = i;
      depth++;
    } else if (c === "}" && depth > 0) {
      depth--;
      if (depth === 0 && commas.length > 0) {
        const head = pattern.slice(0, open);
        const tail = pattern.slice(i + 1);
        const bounds = [open, ...commas, i];
        return bounds
          .slice(0, -1)
          .flatMap((start, k) =>
            expandBraces(head + pattern.slice(start + 1, bounds[k + 1]) + tail),
          );
      }
      if (depth === 0) commas.length = 0;
    } else if (c === "," && depth === 1) {
      commas.push(i);
    }
  }
  return [pattern];
}

/** One path segment's pattern as a regular expression. */
function segmentRegex(segment: string): RegExp {
  let source = "";
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i] as string;
    if (c === "*") source += "[^/]*";
    else if (c === "?") source += "[^/]";
    else if (c === "[") {
      const close = segment.indexOf("]", i + 2);
      if (close === -1) source += "\\[";
      else {
        let set = segment.slice(i + 1, close);
        if (set.startsWith("!")) set = `^${set.slice(1)}`;
        source += `[${set.replace(/\\/g, "\\\\")}]`;
        i = close;
      }
    } else source += c.replace(/[.+^${}()|\\\]]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}

function entries(dir: string): { name: string; isDir: boolean }[] {
  try {
    return readdirSync(dir === "" ? "." : dir, { withFileTypes: true }).map((e) => ({
      name: e.name,
      isDir: e.isDirectory(),
    }));
  } catch {
    return [];
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function walk(dir: string, segments: readonly string[], index: number, out: Set<string>): void {
  if (index === segments.length) {
    if (isFile(dir)) out.add(dir);
    return;
  }
  const segment = segments[index] as string;
  if (segment === "**") {
    walk(dir, segments, index + 1, out);
    // Last, it matches the files too (`data/**`), at any depth, as with globstar.
    const last = index === segments.length - 1;
    for (const entry of entries(dir)) {
      if (entry.name.startsWith(".")) continue;
      if (entry.isDir) walk(join(dir, entry.name), segments, index, out);
      else if (last) walk(join(dir, entry.name), segments, index + 1, out);
    }
    return;
  }
  if (!MAGIC.test(segment)) {
    walk(dir === "" ? segment : join(dir, segment), segments, index + 1, out);
    return;
  }
  const regex = segmentRegex(segment);
  // As in a shell, a wildcard does not match a leading dot.
  const dotted = segment.startsWith(".");
  for (const entry of entries(dir)) {
    if ((dotted || !entry.name.startsWith(".")) && regex.test(entry.name)) {
      walk(join(dir, entry.name), segments, index + 1, out);
    }
  }
}

/**
 * The files one pattern matches under `base`, sorted by code point. A pattern
 * without wildcards names its file whether or not it exists (the reader says so);
 * one that matches nothing names the file so called, if there is one, as a shell
 * leaves an unmatched pattern as written: `data/[draft].csv`.
 */
export function expandGlob(pattern: string, base: string): string[] {
  const out = new Set<string>();
  const literal = (path: string) => (path.startsWith("/") ? path : join(base, path));
  for (const expanded of expandBraces(pattern)) {
    if (!MAGIC.test(expanded)) {
      out.add(literal(expanded));
      continue;
    }
    const absolute = expanded.startsWith("/");
    const segments = expanded.split("/").filter((s) => s !== "");
    walk(absolute ? "/" : base === "." ? "" : base, segments, 0, out);
  }
  if (out.size === 0 && isFile(literal(pattern))) out.add(literal(pattern));
  return [...out].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
