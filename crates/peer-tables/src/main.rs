//! `peer-tables cases`: the cases, one `ID<TAB>HEX` line each.
//! `peer-tables bodies`: the bodies besides the codes, `body HEX: NAME` each.
//! `peer-tables serve`: prints the port of the loopback server, then serves.
//! `peer-tables summarize FILE`: the table of a client's observations.

use std::net::TcpListener;
use std::process::ExitCode;

use peer_tables::{cases, hex, serve, summarize, BODIES};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["cases"] => {
            for case in cases() {
                println!("{}\t{}", case.id, hex(&case.body));
            }
            ExitCode::SUCCESS
        }
        ["bodies"] => {
            for (name, body) in BODIES {
                println!("body {}: {name}", hex(body));
            }
            ExitCode::SUCCESS
        }
        ["serve"] => {
            let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
            println!("{}", listener.local_addr().expect("its address").port());
            serve(listener);
            ExitCode::FAILURE
        }
        ["summarize", file] => match std::fs::read_to_string(file)
            .map_err(|error| format!("{file}: {error}"))
            .and_then(|text| summarize(&text))
        {
            Ok(table) => {
                print!("{table}");
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("peer-tables: {error}");
                ExitCode::FAILURE
            }
        },
        _ => {
            eprintln!("usage: peer-tables cases | bodies | serve | summarize FILE");
            ExitCode::from(2)
        }
    }
}
