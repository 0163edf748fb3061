use std::path::PathBuf;

fn main() {
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("Cargo sets OUT_DIR"));
    let result = ws_close_codes_codegen::Builder::new()
        .spec_file("close-codes.toml")
        .enum_name("GraphqlCloseCode")
        .write_to(out_dir.join("graphql_close_code.rs"));
    if let Err(error) = result {
        // For example: close-codes.toml:14:8: name "Unauthorized" is already the
        // identifier of IANA's code 3000 "Unauthorized"; choose another name, ...
        eprintln!("error: {error}");
        std::process::exit(1);
    }
}
