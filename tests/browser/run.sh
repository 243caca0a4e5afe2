#!/usr/bin/env bash
# Browser tests: axe-core, the Nu HTML Checker and keyboard checks in Debian's
# Chromium, on every page of the example and fixture sites, and editing in Decap CMS
# with decap-server (cms.mjs). Installs what is missing: Debian's chromium and a Java
# runtime (for vnu.jar), and the npm packages in package-lock.json (with
# --ignore-scripts; no tool downloads a browser).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
if [ ${#need[@]} -gt 0 ]; then
  echo "== installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

cd "$here"
if [ ! -d node_modules/axe-core ] || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/vnu-jar ] \
  || [ ! -d node_modules/decap-cms ] || [ ! -d node_modules/decap-server ]; then
  echo "== npm ci"
  npm ci --ignore-scripts --no-audit --no-fund
fi

echo "== building bcfsite (release)"
(cd "$root" && cargo build --release --locked -q)

echo "== browser tests"
node run.mjs
