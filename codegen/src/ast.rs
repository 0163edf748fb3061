//! Syntax-tree nodes built directly, for the part of the generated file
//! that repeats once per code (the variants and their records), and the
//! doc attributes of the whole file.
//!
//! The rest of the file is written with `quote!` and parsed by syn. Parsing
//! tokens that the generator has just built costs more than building the
//! tree: at 65,536 codes it was most of the generator's time. These
//! constructors make the same nodes syn would parse from the same tokens,
//! and registry text still enters only through [`str_literal`].

use proc_macro2::{Ident, Literal, Span};
use syn::punctuated::Punctuated;
use syn::{
    token, AttrStyle, Attribute, Expr, ExprArray, ExprCall, ExprLit, ExprPath, ExprReference,
    ExprStruct, FieldValue, Lit, Member, Meta, MetaNameValue, Path, PathSegment,
};

use crate::literal::str_literal;

/// An identifier with the call-site span, as `quote!` makes them.
pub(crate) fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// A path such as `CloseCode::NormalClosure`.
pub(crate) fn path(segments: &[&Ident]) -> Path {
    Path {
        leading_colon: None,
        segments: segments
            .iter()
            .map(|segment| PathSegment::from((*segment).clone()))
            .collect(),
    }
}

/// A path expression.
pub(crate) fn path_expr(segments: &[&Ident]) -> Expr {
    Expr::Path(ExprPath {
        attrs: Vec::new(),
        qself: None,
        path: path(segments),
    })
}

/// A literal expression.
fn lit_expr(literal: Literal) -> Expr {
    Expr::Lit(ExprLit {
        attrs: Vec::new(),
        lit: Lit::new(literal),
    })
}

/// A string literal holding exactly `text`, escaped by [`str_literal`].
pub(crate) fn str_expr(text: &str) -> Expr {
    lit_expr(str_literal(text))
}

/// An unsuffixed integer literal.
pub(crate) fn u16_expr(value: u16) -> Expr {
    lit_expr(Literal::u16_unsuffixed(value))
}

/// `Some(text)` or `None`.
pub(crate) fn option_str_expr(text: Option<&str>) -> Expr {
    match text {
        Some(text) => call(path_expr(&[&ident("Some")]), vec![str_expr(text)]),
        None => path_expr(&[&ident("None")]),
    }
}

/// `func(args...)`.
pub(crate) fn call(func: Expr, args: Vec<Expr>) -> Expr {
    Expr::Call(ExprCall {
        attrs: Vec::new(),
        func: Box::new(func),
        paren_token: token::Paren::default(),
        args: args.into_iter().collect(),
    })
}

/// `&[elements...]`.
pub(crate) fn slice_expr(elements: Vec<Expr>) -> Expr {
    Expr::Reference(ExprReference {
        attrs: Vec::new(),
        and_token: token::And::default(),
        mutability: None,
        expr: Box::new(Expr::Array(ExprArray {
            attrs: Vec::new(),
            bracket_token: token::Bracket::default(),
            elems: elements.into_iter().collect(),
        })),
    })
}

/// `Name { field: value, ... }`.
pub(crate) fn struct_expr(name: &Ident, fields: Vec<(Ident, Expr)>) -> Expr {
    let mut punctuated: Punctuated<FieldValue, token::Comma> = fields
        .into_iter()
        .map(|(member, expr)| FieldValue {
            attrs: Vec::new(),
            member: Member::Named(member),
            colon_token: Some(token::Colon::default()),
            expr,
        })
        .collect();
    // The trailing comma `quote!`'s output would have, for the same print.
    if !punctuated.is_empty() {
        punctuated.push_punct(token::Comma::default());
    }
    Expr::Struct(ExprStruct {
        attrs: Vec::new(),
        qself: None,
        path: path(&[name]),
        brace_token: token::Brace::default(),
        fields: punctuated,
        dot2_token: None,
        rest: None,
    })
}

/// `#[doc = "value"]`.
fn doc_attr(value: &str) -> Attribute {
    Attribute {
        pound_token: token::Pound::default(),
        style: AttrStyle::Outer,
        bracket_token: token::Bracket::default(),
        meta: Meta::NameValue(MetaNameValue {
            path: path(&[&ident("doc")]),
            eq_token: token::Eq::default(),
            value: str_expr(value),
        }),
    }
}

/// One `#[doc = "..."]` attribute per line of `text`.
///
/// Each line becomes the attribute value ` line` (with the space that a
/// `///` comment has), or an empty value for an empty line. prettyplease
/// prints such an attribute as a `///` comment because its value holds no
/// newline and does not start with `/`.
///
/// Trailing whitespace is removed from each line, as prettyplease would.
///
/// # Panics
///
/// If `text` holds a control character other than a newline (such as a
/// carriage return, which cannot appear in a `///` comment). Fixed text
/// written in this crate and the output of
/// [`escape_markdown`](crate::escape_markdown) never do.
pub(crate) fn doc_attributes(text: &str) -> Vec<Attribute> {
    text.lines()
        .map(|line| {
            assert!(!line.contains(|c: char| c.is_control()), "{line:?}");
            let line = line.trim_end();
            if line.is_empty() {
                doc_attr("")
            } else {
                doc_attr(&format!(" {line}"))
            }
        })
        .collect()
}
