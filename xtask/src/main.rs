//! `cargo xtask`: see `cargo xtask help`.

fn main() {
    let (args, root): (Vec<String>, _) =
        (std::env::args().skip(1).collect(), xtask::workspace_root());
    let (mut out, mut err) = (std::io::stdout(), std::io::stderr());
    std::process::exit(xtask::cli::run(&args, &root, &mut out, &mut err));
}
