// The package as a user gets it (contract §14): `npm pack`, installed into a new
// project, then `require`d, `import`ed, type-checked both ways and run as a bin.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXAMPLE, ROOT } from "./helpers.js";

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
let dir = "";
let project = "";
let installLog = "";
let manifest: { scripts?: Record<string, string>; [key: string]: unknown } = {};
let packedFiles: string[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "capcheck-pack-"));
  // `npm test` has just built dist/; --ignore-scripts keeps prepack from rebuilding
  // it under the feet of the other test files running at the same time.
  const packed = JSON.parse(
    execFileSync(npm, ["pack", "--json", "--ignore-scripts", "--pack-destination", dir], {
      cwd: ROOT,
      encoding: "utf8",
    }),
  )[0] as { filename: string; files: { path: string }[] };
  packedFiles = packed.files.map((f) => f.path);
  project = join(dir, "consumer");
  mkdirSync(project);
  writeFileSync(join(project, "package.json"), '{ "name": "consumer", "private": true }\n');
  // The dependencies are in npm's cache after the repository's own `npm ci`.
  const install = spawnSync(
    npm,
    ["install", "--prefer-offline", "--no-audit", "--no-fund", join(dir, packed.filename)],
    { cwd: project, encoding: "utf8" },
  );
  installLog = install.stdout + install.stderr;
  if (install.status !== 0) throw new Error(`npm install failed:\n${installLog}`);
  manifest = JSON.parse(
    readFileSync(join(project, "node_modules/capcheck/package.json"), "utf8"),
  ) as typeof manifest;
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const node = (args: string[]) =>
  execFileSync(process.execPath, args, { cwd: project, encoding: "utf8" });
const inputs = JSON.stringify(EXAMPLE.map((f) => join(ROOT, f)));

describe("the packed package", () => {
  it("runs no install script and says nothing about one", () => {
    for (const script of ["preinstall", "install", "postinstall", "prepare"]) {
      expect(manifest.scripts?.[script]).toBeUndefined();
    }
    expect(installLog).not.toMatch(/install-scripts|install script/i);
  });

  it("ships the licence, both library builds and the man page", () => {
    for (const file of [
      "LICENSE",
      "dist/index.js",
      "dist/index.d.ts",
      "dist/cjs/index.js",
      "dist/cjs/index.d.ts",
      "dist/cjs/package.json",
      "bin/capcheck.js",
      "dist/man/capcheck.1",
    ]) {
      expect(packedFiles).toContain(file);
    }
    // Every module shipped is built from a source file of today: tsc leaves the output of a
    // deleted source in dist/, which the build therefore empties first.
    const stale = packedFiles.filter((file) => {
      const module = /^dist\/(?!bin\/|cjs\/|man\/)(.+?)(?:\.d\.ts|\.js)$/.exec(file)?.[1];
      return module !== undefined && !existsSync(join(ROOT, "src", `${module}.ts`));
    });
    expect(stale).toEqual([]);
    expect(manifest.license).toBe("MIT");
    expect(readFileSync(join(ROOT, "LICENSE"), "utf8")).toMatch(/^MIT License/);
    expect(manifest.repository).toBeTruthy();
  });

  it("gives the same report to require, import and the command line", () => {
    writeFileSync(
      join(project, "use.cjs"),
      `const { check } = require("capcheck");
check(${inputs}).then((r) => process.stdout.write(JSON.stringify(r)));\n`,
    );
    writeFileSync(
      join(project, "use.mjs"),
      `import { check } from "capcheck";
process.stdout.write(JSON.stringify(await check(${inputs})));\n`,
    );
    const required = JSON.parse(node(["use.cjs"]));
    const imported = JSON.parse(node(["use.mjs"]));
    const bin = spawnSync(
      join(project, "node_modules/.bin/capcheck"),
      ["check", "--json", "--fail-on", "never", ...EXAMPLE.map((f) => join(ROOT, f))],
      { cwd: project, encoding: "utf8" },
    );
    expect(bin.status).toBe(0);
    expect(required.verdict).toBe("exceeded");
    expect(imported).toEqual(required);
    expect(JSON.parse(bin.stdout)).toEqual(required);
  });

  it("type-checks for an ES module and a CommonJS consumer, and the README's example", () => {
    const code = (importLine: string) => `${importLine}
async function main(): Promise<void> {
  const report: Report = await check(["data.csv"], { by: "origin" });
  const verdict: Verdict = report.verdict;
  if (report.verdict !== "invalid" && report.scenarios === undefined) {
    const period: PeriodReport | undefined = report.periods[0];
    console.log(verdict, period?.total.status, report.records.read);
  }
}
void main();
`;
    writeFileSync(
      join(project, "esm.mts"),
      code('import { check, type PeriodReport, type Report, type Verdict } from "capcheck";'),
    );
    writeFileSync(
      join(project, "cjs.cts"),
      code(
        'import capcheck = require("capcheck");\nconst { check } = capcheck;\ntype Report = capcheck.Report;\ntype Verdict = capcheck.Verdict;\ntype PeriodReport = capcheck.PeriodReport;',
      ),
    );
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const example = /```ts\n(import \{ check[\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    writeFileSync(join(project, "readme.mts"), example as string);
    writeFileSync(
      join(project, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          module: "nodenext",
          moduleResolution: "nodenext",
          target: "es2022",
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: [],
        },
        files: ["esm.mts", "cjs.cts", "readme.mts"],
      }),
    );
    const tsc = spawnSync(
      process.execPath,
      [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "."],
      {
        cwd: project,
        encoding: "utf8",
      },
    );
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);
  });
});
