// A pipe or device named as a file (a FIFO, bash's `<(cmd)`) is opened and read on a
// thread of Node's pool, where the call blocks until a writer comes or writes. Node's
// process.exit waits for that thread, so a run ended by Ctrl-C there would hang until
// the writer came; the signal handler asks here whether one is under way.

let underWay = 0;

/** Runs `read` (an open or a read of a pipe or device) counted as under way. */
export async function deviceRead<T>(read: () => Promise<T>): Promise<T> {
  underWay++;
  try {
    return await read();
  } finally {
    underWay--;
  }
}

/** True while an open or read of a pipe or device named as a file has not returned. */
export function deviceReadUnderWay(): boolean {
  return underWay > 0;
}
