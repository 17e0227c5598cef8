// npm run render: the bundled example's HTML report rendered to PNG by headless
// Chromium, so the charts can be looked at as a reader would see them. Needs
// Chromium (`apt-get install chromium`); not part of npm test.
//
//   npm run render                      # render/example.png
//   npm run render -- data.csv          # render/report.png from your files
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const browser = ["chromium", "chromium-browser", "google-chrome"].find(
  (name) => spawnSync(name, ["--version"], { stdio: "ignore" }).status === 0,
);
if (!browser) {
  console.error("render: no Chromium found; install it with `apt-get install chromium`");
  process.exit(1);
}

const files = process.argv.slice(2);
const inputs =
  files.length > 0
    ? files
    : [
        "committee-2024.csv",
        "reported-2018.csv",
        "us-estimate-2018.csv",
        "us-estimate-2024.csv",
      ].map((f) => `fixtures/example/${f}`);
const report = spawnSync(
  process.execPath,
  ["bin/capcheck.js", "check", "--format", "html", ...inputs],
  {
    cwd: root,
    encoding: "utf8",
  },
);
if (report.status === 2) {
  process.stderr.write(report.stderr);
  process.exit(2);
}
// The page and Chromium's profile go in one temporary folder, removed when done.
const temp = mkdtempSync(join(tmpdir(), "capcheck-render-"));
const page = join(temp, "report.html");
writeFileSync(page, report.stdout);
mkdirSync(join(root, "render"), { recursive: true });
const png = join(root, "render", files.length > 0 ? "report.png" : "example.png");
const shot = spawnSync(
  browser,
  [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    `--user-data-dir=${join(temp, "chromium")}`,
    "--hide-scrollbars",
    "--window-size=1000,2300",
    `--screenshot=${png}`,
    `file://${page}`,
  ],
  { encoding: "utf8" },
);
rmSync(temp, { recursive: true, force: true, maxRetries: 2 });
if (shot.status !== 0) {
  process.stderr.write(shot.stderr);
  process.exit(1);
}
console.log(png);
