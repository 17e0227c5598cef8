// The progress line (contract §14), with a clock the test turns.
import { describe, expect, it } from "vitest";
import { clearProgress, Progress, progressWanted } from "../src/progress.js";

function harness(columns = 80) {
  let time = 0;
  const written: string[] = [];
  const progress = new Progress({ write: (t) => written.push(t), columns }, () => time);
  return { progress, written, at: (ms: number) => (time = ms) };
}

describe("progress line", () => {
  it("stays silent for the first second", () => {
    const { progress, written, at } = harness();
    at(999);
    progress.tick(10, 1000, "a.csv");
    progress.clear();
    expect(written).toEqual([]);
  });

  it("then shows records, MB, MB/s and the file, redrawn at most five times a second", () => {
    const { progress, written, at } = harness();
    at(2000);
    progress.tick(1_234_567, 50_000_000, "data/big.csv");
    at(2100);
    progress.tick(1_300_000, 52_000_000, "data/big.csv");
    expect(written).toEqual([
      "\r\x1b[Kcapcheck: 1,234,567 records · 50.0 MB · 25.0 MB/s · data/big.csv",
    ]);
    at(2200);
    progress.tick(1_400_000, 55_000_000, "data/next.csv");
    expect(written[1]).toContain("data/next.csv");
    progress.clear();
    expect(written.at(-1)).toBe("\r\x1b[K");
  });

  it("is cleared by a signal's handler (clearProgress), so its message has a line of its own", () => {
    const { progress, written, at } = harness();
    clearProgress();
    expect(written).toEqual([]);
    at(1500);
    progress.tick(1, 1, "a.csv");
    clearProgress();
    expect(written).toEqual([
      "\r\x1b[Kcapcheck: 1 records · 0.0 MB · 0.0 MB/s · a.csv",
      "\r\x1b[K",
    ]);
    clearProgress();
    expect(written).toHaveLength(2);
  });

  it("fits the terminal by display width", () => {
    const { progress, written, at } = harness(40);
    at(1500);
    progress.tick(1, 1, "数据/非常长的文件名称非常长的文件名称.csv");
    const line = (written[0] as string).replace("\r\x1b[K", "");
    expect(line.endsWith("…")).toBe(true);
    // 39 columns at most: wide characters count two.
    let width = 0;
    for (const c of line) width += /[\u4e00-\u9fff]/.test(c) ? 2 : 1;
    expect(width).toBeLessThanOrEqual(39);
  });

  it("reads a terminal of no width (a pty whose size was never set) as 80 columns", () => {
    const { progress, written, at } = harness(0);
    at(2000);
    progress.tick(1_234_567, 50_000_000, "data/big.csv");
    expect(written).toEqual([
      "\r\x1b[Kcapcheck: 1,234,567 records · 50.0 MB · 25.0 MB/s · data/big.csv",
    ]);
  });

  it("is wanted only on a terminal, outside CI, without -q", () => {
    const tty = { stderrIsTerminal: true, env: {}, quiet: false };
    expect(progressWanted(tty)).toBe(true);
    expect(progressWanted({ ...tty, stderrIsTerminal: false })).toBe(false);
    expect(progressWanted({ ...tty, env: { CI: "true" } })).toBe(false);
    expect(progressWanted({ ...tty, quiet: true })).toBe(false);
  });
});
