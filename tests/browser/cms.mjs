// Browser editing with Decap CMS, as docs/editing.md tells a comms officer to do it:
//
//  1. `bcfsite init`, then `bcfsite cms --vendor` (Decap from node_modules, so the
//     admin page asks nothing of any other server);
//  2. `bcfsite serve` and `decap-server` (Decap's local backend) side by side;
//  3. in Chromium: open /admin/, make a paper and an appendix through the forms,
//     open every collection, save the starter's plan, measures, return and settings,
//     make a list of national conditions (a plan picked, a status chosen), a
//     capacity and demand file (a service, its pathway, one month's figures) and a
//     year-end return (its plan and a declared total), and a meeting page (its time,
//     saved unquoted, and place);
//  4. `bcfsite check`, then `bcfsite build`: the paper is published, the appendix is
//     listed on it and withheld; the conditions, capacity, year-end and meeting are
//     published.
//
// Also: the pinned version and Subresource Integrity hash that `bcfsite cms` writes
// without --vendor are those of the decap-cms package npm installed.
//
// Run on its own with `node cms.mjs` (BCFSITE_BIN names the binary), or from run.mjs.

import { execFileSync, spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { createServer } from "node:net";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const decapDist = join(here, "node_modules", "decap-cms", "dist", "decap-cms.js");
const decapServer = join(here, "node_modules", "decap-server", "dist", "index.js");

function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// Starts a long-running program and resolves once a line of its output matches.
function startUntil(cmd, args, opts, pattern) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...opts, stdio: ["ignore", "pipe", "pipe"] });
    let seen = "";
    const timer = setTimeout(() => reject(new Error(`${cmd} did not start:\n${seen}`)), 30000);
    const onData = (chunk) => {
      seen += chunk.toString();
      const m = seen.match(pattern);
      if (m) {
        clearTimeout(timer);
        resolve({ child, match: m, output: () => seen });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => reject(new Error(`${cmd} exited (${code}):\n${seen}`)));
  });
}

async function until(what, fn, timeout = 20000) {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function today() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export async function runCmsTests({ browser, bin, check }) {
  // The pin: version and hash are those of the package npm installed.
  const pkg = JSON.parse(readFileSync(join(here, "node_modules", "decap-cms", "package.json"), "utf8"));
  const sri = "sha384-" + createHash("sha384").update(readFileSync(decapDist)).digest("base64");
  const plain = join(mkdtempSync(join(tmpdir(), "bcfsite-cms-")), "site");
  execFileSync(bin, ["init", plain], { stdio: "ignore" });
  execFileSync(bin, ["cms", plain], { stdio: "ignore" });
  const pinned = readFileSync(join(plain, "static", "admin", "index.html"), "utf8");
  check("the admin page pins the decap-cms version npm installed", pinned.includes(`/decap-cms@${pkg.version}/dist/decap-cms.js`), pinned);
  check("the admin page's integrity hash is that of decap-cms.js", pinned.includes(`integrity="${sri}"`), `expected ${sri}`);

  // 1. A starter site with the CMS, Decap vendored.
  const site = join(mkdtempSync(join(tmpdir(), "bcfsite-cms-")), "site");
  execFileSync(bin, ["init", site], { stdio: "ignore" });
  execFileSync(bin, ["cms", site, "--vendor", decapDist], { stdio: "ignore" });
  check("bcfsite cms wrote the admin page, its settings and the vendored bundle", ["index.html", "config.yml", "decap-cms.js"].every((f) => existsSync(join(site, "static", "admin", f))), readdirSync(join(site, "static", "admin")).join(", "));

  // 2. bcfsite serve and decap-server.
  const backendPort = await freePort();
  const backend = await startUntil("node", [decapServer], { cwd: site, env: { ...process.env, PORT: String(backendPort), BIND_HOST: "127.0.0.1", MODE: "fs", LOG_LEVEL: "info" } }, /listening/i);
  const serve = await startUntil(bin, ["serve", site, "--port", "0"], { cwd: site }, /Serving \d+ pages at (http:\/\/[0-9.:]+)/);
  const base = serve.match[1].replace(/\/$/, "");
  const children = [backend.child, serve.child];
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    // Decap looks for its local backend on port 8081; this test's runs on a free port.
    await context.route("**/admin/config.yml", async (route) => {
      const res = await route.fetch();
      const text = (await res.text()).replace("local_backend: true", `local_backend:\n  url: http://127.0.0.1:${backendPort}/api/v1`);
      await route.fulfill({ response: res, body: text, headers: { ...res.headers(), "content-type": "text/yaml" } });
    });
    const requests = [];
    context.on("request", (r) => requests.push(r.url()));
    // A part of Decap the vendored bundle lacks would be a 404 here.
    const missing = [];
    context.on("response", (r) => { if (r.status() >= 400 && !/favicon/.test(r.url())) missing.push(`${r.status()} ${r.url()}`); });
    const page = await context.newPage();
    const problems = [];
    page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
    page.on("pageerror", (e) => problems.push(String(e)));

    // 3. The admin page.
    await page.goto(`${base}/admin/`, { waitUntil: "load" });
    const login = page.getByRole("button", { name: /login/i });
    await login.waitFor({ timeout: 30000 });
    await login.click();
    await page.getByText("Papers", { exact: true }).first().waitFor({ timeout: 30000 });
    const config = problems.filter((p) => /config/i.test(p));
    check("Decap accepts the settings bcfsite cms wrote", config.length === 0, config.join("\n"));

    // Each editor in a fresh page: Decap can show the last entry's form while it loads
    // the next one, when one editor follows another without a reload.
    const open = async (hash) => {
      await page.goto(`${base}/admin/#/collections/${hash}`);
      await page.reload();
      const again = page.getByRole("button", { name: /login/i });
      if (await again.isVisible({ timeout: 3000 }).catch(() => false)) await again.click();
    };

    // Every collection opens and lists what the starter has.
    for (const [name, expect] of [["pages", "Our Better Care Fund"], ["section-about", "About the Better Care Fund"], ["papers", "Better Care Fund update"], ["appendices/filter/2024-11-12-update", "Quarter 2 finance report"], ["plans", null], ["quarters", null], ["measures", null], ["feedback", null], ["news", null], ["meetings", null], ["conditions", null], ["year-ends", null], ["capacity", null]]) {
      await page.goto(`${base}/admin/#/collections/${name}`);
      await page.waitForTimeout(300);
      const shown = expect ? await page.getByText(expect).first().waitFor({ timeout: 15000 }).then(() => true, () => false) : true;
      const err = await page.getByText(/error loading|failed to load/i).count();
      check(`the CMS opens the ${name.split("/")[0]} collection`, shown && err === 0, `${expect ?? ""} shown: ${shown}; errors on page: ${err}`);
    }

    // A paper, through the form.
    await open("papers/new");
    await page.getByLabel("Title", { exact: true }).fill("Carers strategy update");
    await page.getByLabel("Summary", { exact: true }).fill("What the board agreed about support for unpaid carers.");
    await page.locator("[data-slate-editor]").last().click();
    await page.keyboard.type("The board agreed more help for carers across the county.");
    const relation = page.getByLabel(/^About these records/);
    await relation.click();
    await relation.fill("Plan");
    await page.getByText(/^Plan: /).first().click();
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    await page.getByRole("menuitem", { name: /Publish now/i }).click();
    const folder = `${today()}-carers-strategy-update`;
    const paperFile = join(site, "content", "papers", folder, "index.md");
    const saved = await until("the paper on disk", () => existsSync(paperFile)).catch(() => false);
    check("the paper form saved content/papers/<date>-carers-strategy-update/index.md", saved, readdirSync(join(site, "content", "papers")).join(", "));
    const paperText = saved ? readFileSync(paperFile, "utf8") : "";
    check("the saved paper is a paper for the board's meeting, about the plan", /kind: paper/.test(paperText) && /board: Our Health and Wellbeing Board/.test(paperText) && /relates_to:\s*\n\s*- /.test(paperText), paperText);

    // An appendix in the paper's folder, through the nested collection.
    await open("appendices/new");
    await page.getByLabel("Paper folder", { exact: true }).fill(folder);
    await page.getByLabel("Title", { exact: true }).fill("Carers budget detail");
    await page.getByLabel("Appendix label", { exact: true }).fill("A");
    await page.locator("[data-slate-editor]").last().click();
    await page.keyboard.type("CANARY-CMS-APPENDIX the detailed budget.");
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    await page.getByRole("menuitem", { name: /Publish now/i }).click();
    const appendixFile = join(site, "content", "papers", folder, "carers-budget-detail.md");
    const savedAppendix = await until("the appendix on disk", () => existsSync(appendixFile)).catch(() => false);
    check("the appendix form saved the appendix in the paper's folder", savedAppendix, existsSync(join(site, "content", "papers", folder)) ? readdirSync(join(site, "content", "papers", folder)).join(", ") : "no folder");
    const appendixText = savedAppendix ? readFileSync(appendixFile, "utf8") : "";
    check("a new appendix is saved confidential, with its paragraph", /confidential: true/.test(appendixText) && /exempt_paragraph: 3/.test(appendixText), appendixText);

    // The starter's data and settings, saved through their forms: Decap writes each
    // file afresh, and the build below must still read it.
    const publish = async () => {
      await page.getByRole("button", { name: "Publish", exact: true }).click();
      await page.getByRole("menuitem", { name: /Publish now/i }).click();
    };
    for (const [what, hash, file, loaded, change, kept] of [
      ["plan", "plans/entries/plan", "data/plan.yaml", [/^Id/, "bcf-2025-27"], () => page.getByLabel(/^Summary/).fill("Where the money comes from, and what it pays for."), [/24000/, /nhs-minimum/, /home-first/]],
      ["quarterly return", "quarters/entries/quarter-2025-26-q2", "data/quarter-2025-26-q2.yaml", [/^Quarter/, "2025-26-Q2"], () => page.getByLabel(/^Summary/).fill("Our return for July to September 2025, as sent."), [/not_on_track/, /actual: 3150/]],
      ["measures", "measures/entries/metrics", "data/metrics.yaml", null, async () => { const t = page.getByLabel(/^Confidential/).first(); await t.click(); await t.click(); }, [/targets:/]],
      ["site settings", "site/entries/settings", "site.yaml", [/^Site title/, "Our Better Care Fund"], () => page.getByLabel(/^Description/).fill("How the council and the NHS spend the Better Care Fund."), [/aged_65_plus: 100000/]],
    ]) {
      const path = join(site, "content", file);
      const before = readFileSync(path, "utf8");
      await open(hash);
      await page.getByRole("button", { name: "Published", exact: true }).waitFor({ timeout: 15000 });
      if (loaded) await until(`the ${what} in its form`, async () => (await page.getByLabel(loaded[0]).first().inputValue().catch(() => "")) === loaded[1]);
      await change();
      await publish();
      const after = await until(`the ${what} saved`, () => { const t = readFileSync(path, "utf8"); return t !== before && t; }).catch(() => "");
      if (!after && process.env.CMS_DEBUG) await page.screenshot({ path: `/tmp/cms-${what.replace(/ /g, "-")}.png` });
      check(`the ${what} form saves content/${file}, keeping what it does not show`, after !== "" && kept.every((re) => re.test(after)), after || "not saved");
    }

    // A list of national conditions, made through its form: the plan picked from the
    // plans, and a condition whose status is chosen from the list.
    await open("conditions/new");
    await page.getByLabel(/^Period/).fill("2025-26-Q1");
    const planPick = page.getByLabel(/^Plan/).first();
    await planPick.click();
    await planPick.fill("Our");
    await page.getByText("Our Better Care Fund Plan 2025 to 2027", { exact: true }).first().click();
    await page.getByRole("button", { name: /Add National conditions/i }).click();
    await page.getByLabel(/^Id/).first().fill("nc2");
    await page.getByLabel(/^Condition/).first().fill("Provide the right care in the right place at the right time");
    await page.getByLabel(/^Status/).first().click();
    await page.getByText("Partly met", { exact: true }).first().click();
    await page.getByLabel(/^Narrative/).first().fill("Discharges before noon are below plan; a second team starts in January.");
    await publish();
    const dataDir = join(site, "content", "data");
    const conditionsName = await until("the conditions on disk", () => readdirSync(dataDir).find((f) => /^conditions-2025-26-q1\.yaml$/i.test(f))).catch(() => undefined);
    const conditionsText = conditionsName ? readFileSync(join(dataDir, conditionsName), "utf8") : "";
    check("the conditions form saved content/data/conditions-2025-26-q1.yaml with the plan and the status", /kind: conditions/.test(conditionsText) && /plan: bcf-2025-27/.test(conditionsText) && /status: partly_met/.test(conditionsText), conditionsText || readdirSync(dataDir).join(", "));

    // Capacity and demand, through its form: a service with its group and pathway
    // chosen, and one month of demand and of capacity; the months left empty are not
    // saved.
    await open("capacity/new");
    await page.getByLabel(/^Year/).fill("2025-26");
    await page.getByRole("button", { name: /Add Services and pathways/i }).click();
    await page.getByLabel(/^Id/).first().fill("reablement-at-home");
    await page.getByLabel(/^Name/).first().fill("Reablement at home");
    await page.getByLabel(/^Group/).first().click();
    await page.getByText("Hospital discharge", { exact: true }).first().click();
    await page.getByLabel(/^Discharge pathway/).first().click();
    await page.getByText(/^1: home, with support/).first().click();
    for (const [name, value] of [["demand", "130"], ["capacity", "110"]]) {
      const group = page.locator(`[id^="${name}-field-"]`).first();
      await group.getByTestId("expand-button").first().click();
      await group.getByLabel(/^April 2025/).first().fill(value);
    }
    await publish();
    const capacityName = await until("the capacity on disk", () => readdirSync(dataDir).find((f) => /^capacity-2025-26\.yaml$/i.test(f))).catch(() => undefined);
    const capacityText = capacityName ? readFileSync(join(dataDir, capacityName), "utf8") : "";
    check("the capacity form saved content/data/capacity-2025-26.yaml: group, pathway and April's figures, no empty month", /kind: capacity/.test(capacityText) && /group: hospital_discharge/.test(capacityText) && /pathway: 1/.test(capacityText) && /2025-04: ["']?130/.test(capacityText) && /2025-04: ["']?110/.test(capacityText) && !/2025-05/.test(capacityText), capacityText || readdirSync(dataDir).join(", "));

    // A year-end return, through its form: the year, the plan picked, and the
    // declared total of actual expenditure.
    await open("year-ends/new");
    await page.getByLabel(/^Year/).fill("2025-26");
    const yearEndPlan = page.getByLabel(/^Plan/).first();
    await yearEndPlan.click();
    await yearEndPlan.fill("Our");
    await page.getByText("Our Better Care Fund Plan 2025 to 2027", { exact: true }).first().click();
    await page.getByLabel(/^Summary/).fill("What came in and what was spent in 2025 to 2026.");
    await page.locator('[id^="expenditure-field-"]').first().getByLabel(/^Actual/).first().fill("0");
    await publish();
    const yearEndName = await until("the year-end return on disk", () => readdirSync(dataDir).find((f) => /^year-end-2025-26\.yaml$/i.test(f))).catch(() => undefined);
    const yearEndText = yearEndName ? readFileSync(join(dataDir, yearEndName), "utf8") : "";
    check("the year-end form saved content/data/year-end-2025-26.yaml with the plan and the declared total", /kind: year_end/.test(yearEndText) && /plan: bcf-2025-27/.test(yearEndText) && /expenditure:\s*\n\s*actual: ["']?0/.test(yearEndText), yearEndText || readdirSync(dataDir).join(", "));

    // A meeting page, through its form: the board and date start filled in; the time
    // and place typed.
    await open("meetings/new");
    await page.getByLabel("Title", { exact: true }).fill("Board meeting, December");
    await page.getByLabel(/^Starts at/).fill("10:00");
    await page.getByLabel(/^Place/).fill("County Hall, Preston");
    await page.locator("[data-slate-editor]").last().click();
    await page.keyboard.type("The public may attend.");
    await publish();
    const meetingFile = join(site, "content", "meetings", "board-meeting-december.md");
    const meetingText = await until("the meeting page on disk", () => existsSync(meetingFile) && readFileSync(meetingFile, "utf8")).catch(() => "");
    check("the meeting form saved content/meetings/board-meeting-december.md with its board, date, time and place", /kind: meeting/.test(meetingText) && /board: Our Health and Wellbeing Board/.test(meetingText) && /time: ["']?10:00/.test(meetingText) && /place: County Hall, Preston/.test(meetingText), meetingText || "not saved");

    // bcfsite serve rebuilt: the new paper is there to preview.
    const previewed = await until("the paper in bcfsite serve", async () => (await page.request.get(`${base}/papers/${folder}/`)).ok()).catch(() => false);
    check("bcfsite serve shows the new paper after the save", previewed, `${base}/papers/${folder}/`);

    const outside = requests.filter((u) => !/^(https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/|data:|blob:)/.test(u));
    check("the admin page made no third-party request", outside.length === 0, outside.join("\n"));
    check("every file the admin page asked for was there", missing.length === 0, missing.join("\n"));
    const errors = problems.filter((p) => !/favicon/.test(p));
    check("the admin page logged no errors", errors.length === 0, errors.join("\n"));
  } catch (e) {
    check("the CMS test ran to its end", false, String(e).slice(0, 2000));
    if (process.env.CMS_DEBUG) for (const [i, p] of context.pages().entries()) await p.screenshot({ path: `/tmp/cms-failure-${i}.png` });
  } finally {
    await context.close();
    for (const c of children) c.kill();
  }

  // 4. check, then build.
  const checked = spawnSync(bin, ["check", site], { encoding: "utf8" });
  check("bcfsite check passes the site edited in the CMS", checked.status === 0, checked.stdout + checked.stderr);
  const out = join(mkdtempSync(join(tmpdir(), "bcfsite-cms-out-")), "public");
  const built = spawnSync(bin, ["build", site, "--output", out], { encoding: "utf8" });
  check("bcfsite build builds the site edited in the CMS", built.status === 0, built.stdout + built.stderr);
  const folder = `${today()}-carers-strategy-update`;
  const paperHtml = existsSync(join(out, "papers", folder, "index.html")) ? readFileSync(join(out, "papers", folder, "index.html"), "utf8") : "";
  check("the paper made in the CMS is published", paperHtml.includes("Carers strategy update"), `${out}/papers/${folder}/index.html`);
  check("its appendix is listed, not for publication", /Appendix A/.test(paperHtml) && /Not for publication/i.test(paperHtml), paperHtml.slice(0, 400));
  const conditionsHtml = existsSync(join(out, "conditions", "2025-26-q1", "index.html")) ? readFileSync(join(out, "conditions", "2025-26-q1", "index.html"), "utf8") : "";
  check("the conditions made in the CMS are published, the status in words", conditionsHtml.includes("Partly met"), `${out}/conditions/2025-26-q1/index.html`);
  const capacityHtml = existsSync(join(out, "capacity", "2025-26", "index.html")) ? readFileSync(join(out, "capacity", "2025-26", "index.html"), "utf8") : "";
  check("the capacity and demand made in the CMS are published", capacityHtml.includes("Reablement at home"), `${out}/capacity/2025-26/index.html`);
  check("the year-end return made in the CMS is published", existsSync(join(out, "year-end", "2025-26", "index.html")), `${out}/year-end/2025-26/index.html`);
  const meetingHtml = existsSync(join(out, "meetings", "board-meeting-december", "index.html")) ? readFileSync(join(out, "meetings", "board-meeting-december", "index.html"), "utf8") : "";
  check("the meeting page made in the CMS is published with its place", meetingHtml.includes("County Hall, Preston"), `${out}/meetings/board-meeting-december/index.html`);
  const leaked = spawnSync("grep", ["-rl", "CANARY-CMS-APPENDIX", out], { encoding: "utf8" }).stdout.trim();
  check("the appendix is withheld from the public build", leaked === "", leaked);
  if (!process.env.CMS_DEBUG) for (const dir of [plain, site, out]) rmSync(dirname(dir), { recursive: true, force: true });
}

// On its own: node cms.mjs
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  let passed = 0;
  let failed = 0;
  const check = (name, ok, detail) => {
    if (ok) passed += 1;
    else {
      failed += 1;
      console.log(`FAIL ${name}\n${detail}`);
    }
  };
  try {
    await runCmsTests({ browser, bin: process.env.BCFSITE_BIN ?? join(here, "..", "..", "target", "release", "bcfsite"), check });
  } finally {
    await browser.close();
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}
