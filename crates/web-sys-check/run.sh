#!/usr/bin/env bash
# Runs the browser tests of web-sys-check (tests/browser.rs): builds them
# for wasm32-unknown-unknown, starts the loopback server (src/main.rs) on
# the host, and runs them in headless Chromium with wasm-bindgen-test-runner
# and chromedriver. Everything stays on 127.0.0.1.
#
# Needs: the wasm32-unknown-unknown target (added with rustup when it is
# missing); wasm-bindgen-test-runner on PATH, of the same version as the
# wasm-bindgen crate in Cargo.lock (`cargo install wasm-bindgen-cli
# --version =X`); Chromium and its chromedriver (CHROMEDRIVER, default
# /usr/bin/chromedriver, Debian's chromium-driver). webdriver.json beside
# this script passes --no-sandbox, which Chromium needs when run as root.
# Honours CARGO_TARGET_DIR.
set -euo pipefail
cd "$(dirname "$0")/../.."
target=wasm32-unknown-unknown
if ! rustup target list --installed | grep -qx "$target"; then
    rustup target add "$target"
fi
wanted=$(cargo pkgid wasm-bindgen | sed 's/.*@//')
if ! runner=$(command -v wasm-bindgen-test-runner); then
    echo "wasm-bindgen-test-runner is not on PATH: cargo install wasm-bindgen-cli --version =$wanted" >&2
    exit 1
fi
have=$("$runner" --version | awk '{ print $2 }')
if [ "$have" != "$wanted" ]; then
    echo "wasm-bindgen-test-runner is $have, Cargo.lock has wasm-bindgen $wanted" >&2
    exit 1
fi
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
if [ ! -x "$CHROMEDRIVER" ]; then
    echo "no chromedriver at $CHROMEDRIVER (Debian: apt-get install chromium-driver)" >&2
    exit 1
fi

cargo build --quiet -p web-sys-check --bin loopback-server
ports=$(mktemp)
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2> /dev/null || true; fi
    rm -f "$ports"
}
trap cleanup EXIT
"${CARGO_TARGET_DIR:-target}/debug/loopback-server" > "$ports" &
server_pid=$!
for _ in $(seq 100); do
    if [ -s "$ports" ]; then break; fi
    sleep 0.1
done
port=$(head -n 1 "$ports")
echo "loopback server on 127.0.0.1:$port; $("$CHROMEDRIVER" --version)"

WS_CLOSE_CODES_WS_PORT="$port" \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER="$runner" \
    cargo test -p web-sys-check --target "$target" --test browser
