#!/usr/bin/env bash
# Measures what Python's websockets 17 and Node's ws 8 hand their
# application when a server's Close frame carries each code 0-65535 (with
# the reason "bye") and a few other bodies, and writes the tables
# crates/peer-tables/python-websockets-17.txt and node-ws-8.txt.
#
#   bash crates/peer-tables/measure.sh
#
# Needs cargo, python3 (with venv and pip), node and npm. Installs the two
# libraries from PyPI and npm under target/peer-tables, starts the
# loopback server (`peer-tables serve`, 127.0.0.1 only) and runs client.py
# and client.js against it, 16 connections at a time.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/../.."
work="target/peer-tables"
mkdir -p "$work"
started=$SECONDS

if [ ! -x "$work/venv/bin/python" ]; then
  python3 -m venv "$work/venv"
fi
"$work/venv/bin/pip" install --quiet --disable-pip-version-check 'websockets>=17,<18'
npm install --silent --no-audit --no-fund --no-save --prefix "$work/node" 'ws@8' > /dev/null
python_version="$("$work/venv/bin/python" -c 'import websockets; print(websockets.__version__)')"
python_itself="$("$work/venv/bin/python" -c 'import platform; print(platform.python_version())')"
ws_version="$(cd "$work/node" && node -e 'console.log(require("ws/package.json").version)')"
node_itself="$(node --version)"
echo "websockets $python_version (Python $python_itself), ws $ws_version (Node $node_itself)"

cargo build --quiet -p peer-tables
bin="${CARGO_TARGET_DIR:-target}/debug/peer-tables"
"$bin" cases > "$work/cases.txt"
rm -f "$work/port.txt"
"$bin" serve > "$work/port.txt" &
server=$!
trap 'kill "$server" 2> /dev/null || true' EXIT
for _ in $(seq 50); do
  [ -s "$work/port.txt" ] && break
  sleep 0.1
done
port="$(head -n 1 "$work/port.txt")"

# The header of a table: what it is, the versions, the command.
header() {
  local library="$1" version="$2" runtime="$3" version_command="$4"
  cat << HEADER
# What $library hands its application when a server's Close frame carries
# each code 0-65535 with the reason "bye", and the bodies listed last.
# Measured on $library $version ($version_command) with $runtime,
# by: bash crates/peer-tables/measure.sh
# Columns (tab-separated): the codes (or the body, as hexadecimal), the
# outcome (delivered, replaced, failed), what the application saw.
HEADER
  echo "# The bodies:"
  "$bin" bodies | sed 's/^/#   /'
}

measure() {
  local label="$1" out="$2"
  shift 2
  local t0=$SECONDS
  "$@" > "$work/$label-raw.txt"
  echo "$label: $((SECONDS - t0)) s"
  "$bin" summarize "$work/$label-raw.txt" > "$work/$label-table.txt"
}

measure python "$here/python-websockets-17.txt" \
  "$work/venv/bin/python" "$here/client.py" "$port" "$work/cases.txt"
measure node "$here/node-ws-8.txt" \
  node "$here/client.js" "$PWD/$work/node/node_modules/ws" "$port" "$work/cases.txt"

{
  header "Python websockets" "$python_version" "Python $python_itself" \
    "python -c 'import websockets; print(websockets.__version__)'"
  cat "$work/python-table.txt"
} > "$here/python-websockets-17.txt"
{
  header "Node ws" "$ws_version" "Node $node_itself" \
    "node -e 'console.log(require(\"ws/package.json\").version)'"
  cat "$work/node-table.txt"
} > "$here/node-ws-8.txt"
echo "wrote crates/peer-tables/python-websockets-17.txt and node-ws-8.txt in $((SECONDS - started)) s"
