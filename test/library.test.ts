import { describe, expect, it } from "vitest";
import type { InputFormat, NumberFormat, OfficialTally, ReportingGap } from "../src/index.js";
import { capcheck, EXAMPLE, SYNTHETIC } from "./helpers.js";

describe('import { check } from "capcheck"', () => {
  it("returns the report that --json prints", async () => {
    const { check } = await import("capcheck");
    const report = await check(EXAMPLE);
    expect(report).toEqual(JSON.parse(capcheck(["check", "--json", ...EXAMPLE]).stdout));
    expect(report.verdict).toBe("exceeded");
  });

  it("exports every type its options and its report are made of (contract §14)", async () => {
    const { check } = await import("capcheck");
    const inputFormat: InputFormat = "csv";
    const numberFormat: NumberFormat = "point";
    const report = await check(EXAMPLE, { inputFormat, numberFormat });
    if (report.scenarios !== undefined || report.verdict === "invalid") throw new Error("periods");
    const period = report.periods[0];
    const official: OfficialTally | null | undefined = period?.total.official;
    const gaps: ReportingGap[] | null | undefined = period?.gaps;
    expect(official).toMatchObject({ status: "ok" });
    expect(gaps?.map((g) => g.key)).toEqual(["China", "Russian Federation"]);
  });
});

describe("the library's options", () => {
  it("take plain numbers and decimal strings", async () => {
    const { check } = await import("capcheck");
    const report = await check(SYNTHETIC, { cap: 600000, by: "origin" });
    expect(report.periods?.[0]?.cap.barrels).toBe(600000);
    expect(report.verdict).toBe("notice");
    const estimates = [
      "fixtures/estimates/reported-2018.csv",
      "fixtures/estimates/tankers-2018.csv",
    ];
    const scenarios = await check(estimates, { scenarios: [0.1, "0.25", { num: 33n, den: 100n }] });
    expect(scenarios.scenarios?.map((s) => [s.loadFactor, s.verdict])).toEqual([
      [0.1, "ok"],
      [0.25, "notice"],
      [0.33, "exceeded"],
    ]);
  });
  it("refuse nonsense with a UsageError", async () => {
    const { check, UsageError } = await import("capcheck");
    await expect(check(EXAMPLE, { cap: -1 })).rejects.toBeInstanceOf(UsageError);
    await expect(check(EXAMPLE, { loadFactor: 2 })).rejects.toThrow(
      /loadFactor takes numbers above 0 and at most 1/,
    );
  });
  it("throw errors that name their class when logged", async () => {
    const { check, InputError, InvalidRecordsError, NothingToCheckError, UsageError } =
      await import("capcheck");
    const thrown = (run: Promise<unknown>) =>
      run.then(
        () => undefined,
        (error: Error) => error,
      );
    const errors = [
      [await thrown(check(["no-such-file.csv"])), InputError],
      [
        await thrown(check([{ date: "2024-13-01", exporter: "X", barrels: 1 }])),
        InvalidRecordsError,
      ],
      [await thrown(check(EXAMPLE, { year: 1999 })), NothingToCheckError],
      [await thrown(check(EXAMPLE, { cap: -1 })), UsageError],
    ] as const;
    for (const [error, type] of errors) {
      expect(error).toBeInstanceOf(type);
      expect(String(error)).toMatch(new RegExp(`^${type.name}: `));
      expect((error as Error).stack).toMatch(new RegExp(`^${type.name}: `));
    }
  });
  it("refuse a key CheckOptions does not have, naming the closest one", async () => {
    const { check, UsageError } = await import("capcheck");
    // A JavaScript caller's slip (`regime` for `regimes`) would otherwise check every regime.
    const slip = { regime: ["unscr2397-crude"] } as object;
    await expect(check(EXAMPLE, slip)).rejects.toBeInstanceOf(UsageError);
    await expect(check(EXAMPLE, slip)).rejects.toThrow(
      /^unknown option "regime"; did you mean "regimes"\?; known: inputFormat, /,
    );
    await expect(check(EXAMPLE, { noFoldNames: true } as object)).rejects.toThrow(
      /did you mean "foldNames"/,
    );
  });
  it("refuse reading options for records in memory, which read as a JSON file's do", async () => {
    const { check, UsageError } = await import("capcheck");
    const records = [{ date: "2024-03-01", exporter: "X", product: "diesel", barrels: "1,5" }];
    const refused = [
      [{ inputFormat: "csv" }, "inputFormat applies to files and standard input"],
      [{ delimiter: ";" }, "delimiter applies to CSV input only"],
      [{ headerLine: 2 }, "headerLine applies to CSV input only"],
      [{ numberFormat: "comma" }, "numberFormat comma applies to CSV input only"],
    ] as const;
    for (const [options, message] of refused) {
      const run = check(records, { ...options, allowEmpty: true });
      await expect(run).rejects.toBeInstanceOf(UsageError);
      await expect(check(records, options)).rejects.toThrow(`${message}, not to records in memory`);
    }
    // `point` and `auto` are what number text in an object reads as anyway.
    for (const numberFormat of ["point", "auto"] as const) {
      const report = await check([{ ...records[0], barrels: "1.5" }], { numberFormat });
      expect(report.verdict).toBe("ok");
    }
  });
});
