// A pipe or device named as a file (a FIFO, bash's `<(cmd)` or `>(cmd)`) is opened,
// read and written on a thread of Node's pool, where the call blocks until the other
// end comes or moves. Node's process.exit waits for that thread, so a run ended by
// Ctrl-C there would hang until then; the signal handler asks here whether one is
// under way.

let underWay = 0;

/** Runs `io` (an open, read or write of a pipe or device) counted as under way. */
export async function deviceIo<T>(io: () => Promise<T>): Promise<T> {
  underWay++;
  try {
    return await io();
  } finally {
    underWay--;
  }
}

/** True while an open, read or write of a pipe or device named as a file has not returned. */
export function deviceIoUnderWay(): boolean {
  return underWay > 0;
}
