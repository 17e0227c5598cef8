import { describe, expect, it } from "vitest";
import { capcheck, EXAMPLE } from "./helpers.js";

describe('import { check } from "capcheck"', () => {
  it("returns the report that --json prints", async () => {
    const { check } = await import("capcheck");
    const report = await check(EXAMPLE);
    expect(report).toEqual(JSON.parse(capcheck(["check", "--json", ...EXAMPLE]).stdout));
    expect(report.verdict).toBe("exceeded");
  });
});
