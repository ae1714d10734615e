#!/usr/bin/env bash
# Rebuilds the dashboard bundle in src/SiemActors.Node/wwwroot from web/src (commit the result).
# Needs Node.js 20 and npm; `dotnet build` does not run this and needs neither.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
node build.mjs
