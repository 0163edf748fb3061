//! `cargo xtask`: see `cargo xtask help`.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = xtask::workspace_root();
    std::process::exit(xtask::cli::run(
        &args,
        &root,
        &mut std::io::stdout(),
        &mut std::io::stderr(),
    ));
}
