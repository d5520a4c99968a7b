#!/usr/bin/env bash
# Every test of the repo, in one jest run (unit + integration + end-to-end against the real Kafka
# broker and FerretDB that the launcher installs on first use and starts). Writes jest's JSON
# results to reports/jest.json; `node tools/jest-summary.mjs` prints the one-line summary.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p reports
rm -f reports/jest.json

step() { printf '\n== %s\n' "$*" >&2; }

step "type check (tsc)"
npx tsc -p tsconfig.json --noEmit
npx tsc -p services/web/tsconfig.json
step "lint (eslint + Nx module boundaries)"
npx eslint services libs test tools --max-warnings 0
step "build (swc -> dist/, and the web app with Vite -> dist/web)"
node tools/build.mjs
npm run -s build:web
step "install Chromium for the browser tests if missing (Debian's package)"
bash tools/install-chromium.sh
step "install Kafka and FerretDB if missing (first run: a few minutes)"
node dist/libs/infra/src/cli.js install
step "jest: unit, integration and end-to-end tiers"
# --forceExit: the gRPC client of the KurrentDB adapter keeps a handle open after its suite;
# every server and connection the tests open is closed in their afterAll hooks.
npx jest --ci --json --outputFile=reports/jest.json --forceExit "$@"
