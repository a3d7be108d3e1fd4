#!/usr/bin/env bash
# Makes docs/report.png, the picture of the samples' report in README: the report of samples/ (as
# `csm-events report samples --recurse` writes it) in Debian's headless Chromium (apt-get install chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dotnet run --project src/CsmEvents.Cli -c Release -- report samples --recurse --title "CSM events report: samples" -o "$work/report.html"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$work/profile" --hide-scrollbars \
  --window-size=1400,3400 --screenshot="$PWD/docs/report.png" "file://$work/report.html" 2>/dev/null
echo "wrote docs/report.png"
