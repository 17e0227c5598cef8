// A configuration file (--caps, --factors, --config) is read only when it is a regular file
// and small: /dev/zero, a FIFO or a huge file is refused before it is read, and the
// read itself stops at the limit in case the file grows meanwhile.
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { InputError } from "../errors.js";
import { parseExactNumbers } from "./json-numbers.js";
import { refuseRepeatedKeys } from "./json-scan.js";
import { parseJsonFile } from "./json-syntax.js";
import { formatBytes } from "./limits.js";

/** The largest configuration file read: the built-in regimes take about 2 KiB. */
export const MAX_CONFIG_BYTES = 1 << 20;

const OPEN_ERRORS: Record<string, string> = {
  ENOENT: "no such file",
  EACCES: "permission denied",
  EISDIR: "is a directory, not a file",
  ENOTDIR: "a part of the path is not a directory",
};

export function readConfigFile(path: string): string {
  let fd: number;
  try {
    // Without waiting: a FIFO's open would wait for a writer, on the main thread,
    // where not even Ctrl-C is handled. The type is checked once it is open.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    throw new InputError(path, null, OPEN_ERRORS[code] ?? `cannot be read (${code || error})`);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new InputError(path, null, OPEN_ERRORS.EISDIR as string);
    if (!stat.isFile()) throw new InputError(path, null, "is not a regular file");
    const tooLarge = `is larger than ${formatBytes(MAX_CONFIG_BYTES)}; a config, caps or factors file is small`;
    if (stat.size > MAX_CONFIG_BYTES) throw new InputError(path, null, tooLarge);
    // Room for the file as it stands, grown (up to the limit) if it grows meanwhile:
    // a buffer of the limit itself, zeroed, cost a start in a folder with a
    // package.json some 0.2 ms.
    let buffer = Buffer.allocUnsafe(stat.size + 1);
    let length = 0;
    for (let n = 1; n > 0 && length <= MAX_CONFIG_BYTES; length += n) {
      if (length === buffer.length) {
        const larger = Buffer.allocUnsafe(Math.min(2 * buffer.length, MAX_CONFIG_BYTES + 1));
        buffer.copy(larger);
        buffer = larger;
      }
      n = readSync(fd, buffer, length, buffer.length - length, null);
    }
    if (length > MAX_CONFIG_BYTES) throw new InputError(path, null, tooLarge);
    const bytes = buffer.subarray(0, length);
    try {
      // Fatal: a Latin-1 file name in `outputs` must not become one with U+FFFD in it.
      return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      throw new InputError(path, null, "is not UTF-8 text; save it as UTF-8");
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? "";
    throw new InputError(path, null, OPEN_ERRORS[code] ?? `cannot be read (${code || error})`);
  } finally {
    closeSync(fd);
  }
}

/**
 * A configuration file's JSON, its numbers as written (parseExactNumbers); a key
 * given twice where the options stand (`within`: their path in the file) is refused,
 * as JSON.parse would keep the last in silence. `place` writes a path as the
 * file's messages do.
 */
export function readConfigJson(
  path: string,
  place: (at: readonly PropertyKey[]) => string,
  within: readonly PropertyKey[] = [],
  text = readConfigFile(path),
): unknown {
  const json = parseJsonFile(path, text, parseExactNumbers);
  refuseRepeatedKeys(path, text, place, within);
  return json;
}
