"""What Python's websockets hands its application for each Close frame.

Usage: python client.py PORT CASES

CASES has one `ID<TAB>HEX` line per case (`peer-tables cases`). For each,
connects to ws://127.0.0.1:PORT/HEX, where the server answers the opening
handshake and then sends a Close frame with that body, and writes one line:
the case's id, the outcome, and what the application saw, tab-separated.

- `delivered`: `recv()` raised an exception whose `rcvd` holds the code and
  reason sent (for an empty body: 1005 and no reason, websockets' "no code").
- `replaced`: `rcvd` holds another code or reason.
- `failed`: `rcvd` is None: websockets failed the connection.

The details: the exception's class, `rcvd`, and the code websockets sent
back (`sent`), each as `as-sent` when it is the code sent (unless the
connection failed).
"""

import asyncio
import sys

from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

# Connections at once.
CONCURRENCY = 16


def code_text(code, sent_code):
    return "as-sent" if code == sent_code else str(code)


def observe(body, error):
    if len(body) >= 2:
        sent_code = int.from_bytes(body[:2], "big")
        sent_reason = body[2:]
    else:
        sent_code, sent_reason = None, b""
    rcvd, sent = error.rcvd, error.sent
    if rcvd is None:
        outcome, rcvd_text = "failed", "none"
    elif (sent_code is None and rcvd.code == 1005 and rcvd.reason == "") or (
        rcvd.code == sent_code and rcvd.reason.encode() == sent_reason
    ):
        outcome, rcvd_text = "delivered", "as-sent" if sent_code is not None else "1005"
    else:
        outcome = "replaced"
        rcvd_text = f"{code_text(rcvd.code, sent_code)}:{rcvd.reason!r}"
    if sent is None:
        sent_text = "none"
    elif outcome == "failed":
        sent_text = str(sent.code)
    else:
        sent_text = code_text(sent.code, sent_code)
    details = f"exception={type(error).__name__} rcvd={rcvd_text} sent={sent_text}"
    return outcome, details


async def run_case(port, case_id, hex_body, limit):
    body = bytes.fromhex(hex_body)
    async with limit:
        try:
            async with connect(
                f"ws://127.0.0.1:{port}/{hex_body}",
                compression=None,
                ping_interval=None,
                open_timeout=10,
                close_timeout=10,
            ) as ws:
                message = await ws.recv()
                return f"{case_id}\tunexpected\tmessage={message!r}"
        except ConnectionClosed as error:
            outcome, details = observe(body, error)
            return f"{case_id}\t{outcome}\t{details}"


async def main(port, cases_path):
    with open(cases_path) as cases_file:
        cases = [line.rstrip("\n").split("\t") for line in cases_file if line.strip()]
    limit = asyncio.Semaphore(CONCURRENCY)
    tasks = [run_case(port, case_id, hex_body, limit) for case_id, hex_body in cases]
    for line in await asyncio.gather(*tasks):
        print(line)


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), sys.argv[2]))
