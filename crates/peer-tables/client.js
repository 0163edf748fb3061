// What Node's ws hands its application for each Close frame.
//
// Usage: node client.js WS_MODULE PORT CASES
//
// WS_MODULE is the path of the installed `ws` package. CASES has one
// `ID<TAB>HEX` line per case (`peer-tables cases`). For each, connects to
// ws://127.0.0.1:PORT/HEX, where the server answers the opening handshake
// and then sends a Close frame with that body, and writes one line: the
// case's id, the outcome, and what the application saw, tab-separated.
//
// - `delivered`: no `error` event, and the `close` event has the code and
//   reason sent (for an empty body: 1005 and no reason, ws's "no code").
// - `replaced`: no `error` event, another code or reason.
// - `failed`: an `error` event: ws failed the connection.
//
// The details: the `code` of the error event's error, and the `close`
// event's code and reason (`as-sent` when they are those sent, unless the
// connection failed).
'use strict';

const fs = require('fs');

const [wsModule, port, casesPath] = process.argv.slice(2);
const WebSocket = require(wsModule);

// Connections at once.
const CONCURRENCY = 16;

function observe(body, error, code, reason) {
  const sentCode = body.length >= 2 ? body.readUInt16BE(0) : null;
  const sentReason = body.length >= 2 ? body.subarray(2) : Buffer.alloc(0);
  let outcome;
  if (error !== null) {
    outcome = 'failed';
  } else if (
    (sentCode === null && code === 1005 && reason.length === 0) ||
    (code === sentCode && reason.equals(sentReason))
  ) {
    outcome = 'delivered';
  } else {
    outcome = 'replaced';
  }
  // `as-sent` only where the application was told the frame's code.
  const codeText = outcome !== 'failed' && code === sentCode ? 'as-sent' : String(code);
  const reasonText =
    sentReason.length > 0 && reason.equals(sentReason) ? 'as-sent' : JSON.stringify(reason.toString());
  return `${outcome}\terror=${error === null ? 'none' : error} close=${codeText} reason=${reasonText}`;
}

function runCase(id, hex) {
  const body = Buffer.from(hex, 'hex');
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/${hex}`, { perMessageDeflate: false });
    let error = null;
    ws.on('message', (data) => {
      error = `unexpected-message:${JSON.stringify(data.toString())}`;
    });
    ws.on('error', (err) => {
      if (error === null) error = err.code || err.message;
    });
    ws.on('close', (code, reason) => resolve(`${id}\t${observe(body, error, code, reason)}`));
  });
}

async function main() {
  const cases = fs
    .readFileSync(casesPath, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => line.split('\t'));
  const results = new Array(cases.length);
  let next = 0;
  async function worker() {
    while (next < cases.length) {
      const i = next++;
      results[i] = await runCase(cases[i][0], cases[i][1] || '');
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  process.stdout.write(results.map((line) => `${line}\n`).join(''));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
