#[test]
fn lab() {
    let mut out = String::new();
    for id in [5usize, 20, 40, 64] {
        for n in (0..=140).chain([200, 500]) {
            let s = "x".repeat(n);
            let lit: proc_macro2::Literal = proc_macro2::Literal::string(&s);
            let ident = quote::format_ident!("A{}", "b".repeat(id - 1));
            let f = quote::format_ident!("f_{}_{}", id, n);
            let tokens = quote::quote! {
                impl X {
                    pub const fn #f(self) -> Option<&'static str> {
                        let text = match self {
                            CloseCode::#ident => #lit,
                            CloseCode::Other(_) => return None,
                        };
                        Some(text)
                    }
                }
            };
            let file: syn::File = syn::parse2(tokens).unwrap();
            out.push_str(&prettyplease::unparse(&file));
        }
    }
    std::fs::write(std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("lab.rs"), out).unwrap();
}
