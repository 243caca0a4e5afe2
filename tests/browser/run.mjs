// Browser tests for bcfsite: every page of the example site and of the test fixture
// sites, built with the release binary and served from a local folder, is checked in
// Debian's Chromium at 375px and 1280px wide:
//
//  - axe-core finds zero violations of the WCAG 2.0, 2.1 and 2.2 A and AA rules;
//  - the Nu HTML Checker (vnu-jar) finds zero errors;
//  - keyboard-only navigation reaches every link of a page, in order, starting with
//    the skip link.
//
// Then browser editing with Decap CMS, step by step as docs/editing.md gives it
// (cms.mjs): bcfsite cms, bcfsite serve and decap-server, a paper and an appendix
// made through the forms, check and build.
//
// Run with `bash tests/browser/run.sh` (it installs what is missing). It prints one
// closing line, "N passed, M failed", and exits 1 on any failure.

import { execFileSync, spawnSync } from "node:child_process";
import { createServer } from "node:http";
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, extname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";
import { runCmsTests } from "./cms.mjs";

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
// The release binary, wherever cargo put it: CI caches often set CARGO_TARGET_DIR.
const targetDir = process.env.CARGO_TARGET_DIR
  ? resolve(root, process.env.CARGO_TARGET_DIR)
  : join(root, "target");
const bin = join(targetDir, "release", "bcfsite");
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const vnuJar = join(here, "node_modules", "vnu-jar", "build", "dist", "vnu.jar");

const SITES = [
  ["example", root],
  ["fixture basic", join(root, "tests", "sites", "valid", "basic")],
  ["fixture data", join(root, "tests", "sites", "valid", "data")],
];
const WIDTHS = [375, 1280];
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

let passed = 0;
let failed = 0;
const failures = [];
function check(name, ok, detail) {
  if (ok) {
    passed += 1;
  } else {
    failed += 1;
    failures.push(`FAIL ${name}\n${detail}`);
  }
}

const TYPES = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".json": "application/json", ".xml": "application/xml", ".svg": "image/svg+xml", ".csv": "text/csv" };

function serveFolder(dir) {
  const server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (path.endsWith("/")) path += "index.html";
    const file = join(dir, path);
    try {
      if (!file.startsWith(dir)) throw new Error("outside");
      const body = readFileSync(file);
      res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404, { "Content-Type": "text/html; charset=utf-8" });
      try { res.end(readFileSync(join(dir, "404.html"))); } catch { res.end("Not found"); }
    }
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

function htmlFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...htmlFiles(p));
    else if (name.endsWith(".html")) out.push(p);
  }
  return out.sort();
}

function build(site) {
  const out = join(mkdtempSync(join(tmpdir(), "bcfsite-browser-")), "public");
  execFileSync(bin, ["build", site, "--output", out, "--now", "2024-12-01T12:00:00Z"], { stdio: ["ignore", "ignore", "inherit"] });
  return out;
}

// Keyboard: Tab from the top must visit every link and form control, in order.
async function keyboardReachesEverything(page) {
  const expected = await page.evaluate(() =>
    [...document.querySelectorAll("a[href], button, input, select, textarea, [tabindex]:not([tabindex='-1'])")]
      .filter((el) => el.offsetParent !== null || el.classList.contains("skip-link"))
      .map((el) => el.outerHTML.slice(0, 120)),
  );
  const seen = [];
  for (let i = 0; i < expected.length + 5 && seen.length < expected.length; i++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => (document.activeElement && document.activeElement !== document.body ? document.activeElement.outerHTML.slice(0, 120) : null));
    if (focused === null || seen.includes(focused) && focused !== expected[seen.length]) break;
    seen.push(focused);
  }
  return { ok: JSON.stringify(seen) === JSON.stringify(expected), expected, seen };
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

for (const [label, site] of SITES) {
  const out = build(site);
  const files = htmlFiles(out);

  // The Nu HTML Checker, once per site over every page.
  const vnu = spawnSync("java", ["-jar", vnuJar, "--errors-only", "--format", "json", ...files], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  let messages = [];
  try { messages = JSON.parse(vnu.stderr || vnu.stdout || "{}").messages ?? []; } catch { messages = [{ message: vnu.stderr || String(vnu.error) }]; }
  const byFile = new Map();
  for (const m of messages) {
    const f = m.url ? relative(out, fileURLToPath(m.url)) : "?";
    byFile.set(f, [...(byFile.get(f) ?? []), `${m.lastLine ?? "?"}: ${m.message}`]);
  }
  for (const file of files) {
    const rel = relative(out, file);
    const errs = byFile.get(rel) ?? [];
    check(`${label} ${rel} is valid HTML`, errs.length === 0, errs.join("\n"));
  }
  if (byFile.has("?")) check(`${label} vnu ran`, false, byFile.get("?").join("\n"));

  const server = await serveFolder(out);
  const base = `http://127.0.0.1:${server.address().port}/`;
  for (const width of WIDTHS) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    for (const file of files) {
      const rel = relative(out, file).replace(/index\.html$/, "");
      const text = readFileSync(file, "utf8");
      if (text.includes('http-equiv="refresh"')) continue; // redirects leave at once
      await page.goto(base + rel, { waitUntil: "load" });
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(async (tags) => await window.axe.run(document, { runOnly: { type: "tag", values: tags } }), AXE_TAGS);
      const detail = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("\n  ")}`).join("\n");
      check(`${label} /${rel} at ${width}px has no axe violations`, result.violations.length === 0, detail);
      // No content wider than the screen (reflow, WCAG 1.4.10), except inside scrollable tables.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      check(`${label} /${rel} at ${width}px does not scroll sideways`, overflow <= 0, `overflows by ${overflow}px`);
    }
    await context.close();
  }

  // Keyboard on a few representative pages.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  for (const rel of files.map((f) => relative(out, f).replace(/index\.html$/, "")).filter((r) => !r.includes("/") || r.split("/").length <= 3).slice(0, 8)) {
    if (readFileSync(join(out, rel || "", rel.endsWith(".html") ? "" : "index.html"), "utf8").includes('http-equiv="refresh"')) continue;
    await page.goto(base + rel, { waitUntil: "load" });
    const k = await keyboardReachesEverything(page);
    check(`${label} /${rel} keyboard reaches every link in order`, k.ok, `expected ${k.expected.length}, reached ${k.seen.length}\nfirst missed: ${k.expected[k.seen.length] ?? "(order differs)"}`);
    const first = k.seen[0] ?? "";
    check(`${label} /${rel} skip link comes first`, first.includes("skip-link"), first);
  }
  // Search finds a scheme by a word in its name, by keyboard, and says how many.
  if (label === "fixture data") {
    await page.goto(base + "search/", { waitUntil: "load" });
    await page.focus("#search-input");
    await page.keyboard.type("lifting");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => /found/.test(document.getElementById("search-status").textContent), null, { timeout: 10000 }).catch(() => {});
    const links = await page.$$eval("#search-results a", (as) => as.map((a) => a.getAttribute("href")));
    const said = await page.$eval("#search-status", (el) => el.textContent);
    check("search finds the falls lifting scheme by a word in its name", links.includes("/schemes/falls-lifting/"), `results: ${JSON.stringify(links)}; status: ${said}`);
    check("search announces how many pages it found", /^\d+ pages? found for/.test(said), said);
    await page.goto(base + "search/?q=secret", { waitUntil: "load" });
    await page.waitForFunction(() => /found/.test(document.getElementById("search-status").textContent), null, { timeout: 10000 }).catch(() => {});
    const secret = await page.$$eval("#search-results a", (as) => as.map((a) => a.getAttribute("href")));
    check("search never finds confidential records", !secret.some((h) => h.includes("secret")), JSON.stringify(secret));
  }
  await context.close();
  server.close();
}

await runCmsTests({ browser, bin, check });

await browser.close();
for (const f of failures) console.log(f);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
