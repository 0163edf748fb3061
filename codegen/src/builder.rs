//! [`Builder`]: an application's own close codes, from a TOML spec, as a
//! Rust enum merged with the IANA registry, for build scripts.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use ws_close_codes_registry::{
    derive_ident, is_valid_ident, Catalog, Derivation, Layout, Position, Span,
};

use crate::app::{app_source, AppModel};
use crate::error::Error;
use crate::markdown::escape_markdown;
use crate::source::Row;
use crate::spec::{parse_spec, SpecCode};

/// The enum name when [`Builder::enum_name`] is not called.
///
/// ```
/// use ws_close_codes_codegen::{Builder, DEFAULT_ENUM_NAME};
///
/// assert_eq!(DEFAULT_ENUM_NAME, "AppCloseCode");
/// let source = Builder::new().generate()?;
/// assert!(source.contains(&format!("pub enum {DEFAULT_ENUM_NAME} {{")));
/// # Ok::<(), ws_close_codes_codegen::Error>(())
/// ```
pub const DEFAULT_ENUM_NAME: &str = "AppCloseCode";

/// Generates an application's own close-code enum from TOML specs, merged
/// with the codes of the IANA registry; meant for a `build.rs`.
///
/// A spec lists the application's codes:
///
/// ```toml
/// [[code]]
/// value = 4401
/// name = "Unauthorized"                                       # required: a short title
/// description = "The client did not authenticate in time."   # optional
/// ident = "Unauthorized"                                      # optional: the variant's name
/// ```
///
/// The generated enum has a variant per code of the specs and, unless
/// [`iana(false)`](Builder::iana), per code of the IANA registry, and a
/// catch-all `Other` for every other `u16`. It has the API of
/// `ws_close_codes::CloseCode` (see the [crate documentation](crate) for the
/// list) and converts to and from it, so the crate that includes it must
/// depend on `ws-close-codes`.
///
/// The specs are checked before anything is generated; an [`Error`] names
/// the file, line and column and says what to change. A code's value must
/// be for private use (4000-4999), or registered with IANA (3000-3999) after
/// [`allow_registered_range`](Builder::allow_registered_range); no value,
/// name or identifier may be used twice, and none may be that of an IANA
/// code. Without `ident`, the identifier is derived from the name as the
/// registry's are ([`derive_ident`]): UpperCamelCase of its words, or
/// `Code` and the value for a long name.
///
/// # Examples
///
/// ```
/// use ws_close_codes_codegen::Builder;
///
/// let spec = r#"
/// [[code]]
/// value = 4400
/// name = "Bad Request"
/// "#;
/// let source = Builder::new()
///     .spec_str("close-codes.toml", spec)
///     .enum_name("MyCloseCode")
///     .generate()?;
/// assert!(source.contains("pub enum MyCloseCode {"));
/// assert!(source.contains("BadRequest = Record {\n            value: 4400,"));
/// assert!(source.contains("NormalClosure = Record {\n            value: 1000,"));
/// # Ok::<(), ws_close_codes_codegen::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Builder {
    specs: Vec<Spec>,
    enum_name: String,
    iana: bool,
    catalog: Option<Catalog>,
    allow_registered_range: bool,
    rerun_if_changed: Option<bool>,
}

/// Where a spec comes from.
#[derive(Clone, Debug)]
enum Spec {
    File(PathBuf),
    Text { name: String, text: String },
}

impl Default for Builder {
    /// Same as [`Builder::new`].
    ///
    /// ```
    /// use ws_close_codes_codegen::Builder;
    ///
    /// let source = Builder::default().generate()?;
    /// assert!(source.contains("pub enum AppCloseCode {"));
    /// # Ok::<(), ws_close_codes_codegen::Error>(())
    /// ```
    fn default() -> Self {
        Builder::new()
    }
}

impl Builder {
    /// A builder with no spec, the enum name `AppCloseCode`
    /// ([`DEFAULT_ENUM_NAME`]), the IANA codes of the snapshot bundled in
    /// `ws-close-codes-registry`, values limited to 4000-4999, and
    /// `cargo:rerun-if-changed` lines when run by a build script.
    ///
    /// ```
    /// use ws_close_codes_codegen::Builder;
    ///
    /// // The IANA codes alone.
    /// let source = Builder::new().generate()?;
    /// assert!(source.contains("BadGateway = Record {\n            value: 1014,"));
    /// # Ok::<(), ws_close_codes_codegen::Error>(())
    /// ```
    pub fn new() -> Self {
        Builder {
            specs: Vec::new(),
            enum_name: DEFAULT_ENUM_NAME.to_owned(),
            iana: true,
            catalog: None,
            allow_registered_range: false,
            rerun_if_changed: None,
        }
    }

    /// Adds the spec file at `path`, which is read when the code is
    /// generated. A relative path is relative to the working directory,
    /// which for a build script is the package's directory (where its
    /// `Cargo.toml` is). Errors and the header of the generated file name
    /// the file as `path` is written.
    ///
    /// Specs may be added more than once; their codes are merged and
    /// checked together.
    ///
    /// ```
    /// use ws_close_codes_codegen::Builder;
    ///
    /// let dir = std::env::temp_dir().join(format!("spec-file-doc-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir).unwrap();
    /// let path = dir.join("close-codes.toml");
    /// std::fs::write(&path, "[[code]]\nvalue = 4409\nname = \"Subscriber already exists\"\n").unwrap();
    ///
    /// let source = Builder::new().spec_file(&path).generate()?;
    /// assert!(source.contains("SubscriberAlreadyExists = Record {\n            value: 4409,"));
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// # Ok::<(), ws_close_codes_codegen::Error>(())
    /// ```
    pub fn spec_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.specs.push(Spec::File(path.into()));
        self
    }

    /// Adds a spec given as text; `name` stands for its file in errors and
    /// in the header of the generated file.
    ///
    /// ```
    /// use ws_close_codes_codegen::Builder;
    ///
    /// let source = Builder::new()
    ///     .spec_str("close-codes.toml", "[[code]]\nvalue = 4500\nname = \"Internal server error\"\n")
    ///     .generate()?;
    /// assert!(source.contains("\"close-codes.toml\""));
    /// assert!(source.contains("name: \"Internal server error\","));
    /// # Ok::<(), ws_close_codes_codegen::Error>(())
    /// ```
    pub fn spec_str(mut self, name: impl Into<String>, text: impl Into<String>) -> Self {
        self.specs.push(Spec::Text {
            name: name.into(),
            text: text.into(),
        });
        self
    }

    /// The name of the generated enum (default `AppCloseCode`). It also
    /// names the catch-all's payload (`{name}Other`) and the private module
    /// that holds them (`{name}` in snake case, then `_generated`).
    ///
    /// It must be a name that [`is_valid_ident`] accepts: ASCII, starting
    /// with an uppercase letter, not a keyword and not `Other`.
    ///
    /// ```
    /// use ws_close_codes_codegen::Builder;
    ///
    /// let source = Builder::new().enum_name("GraphqlCloseCode").generate()?;
    /// assert!(source.contains("pub enum GraphqlCloseCode {"));
    /// assert!(source.contains("other = GraphqlCloseCodeOther"));
    /// assert!(source.contains("module = graphql_close_code_generated"));
    /// # Ok::<(), ws_close_codes_codegen::Error>(())
    /// ```
    pub fn enum_name(mut self, name: impl Into<String>) -> Self {
        self.enum_name = name.into();
        self
    }

    /// Whether the enum has the codes of the IANA registry too (default
    /// `true`). With `false` only the codes of the specs are named, and
    /// their values are not checked against IANA's; every other value,
    /// 1000 included, is `Other`. The conversions with
    /// `ws_close_codes::CloseCode` and its rules work either way.
    ///
    /// ```
    /// use ws_close_codes_codegen::Builder;
    ///
    /// let spec = "[[code]]\nvalue = 4401\nname = \"Unauthorized\"\n";
    /// // IANA registers 3000 "Unauthorized": with the IANA codes the name is taken.
    /// assert!(Builder::new().spec_str("s.toml", spec).generate().is_err());
    /// let source = Builder::new().spec_str("s.toml", spec).iana(false).generate()?;
    /// assert!(source.contains("Unauthorized = Record {\n            value: 4401,"));
    /// assert!(!source.contains("NormalClosure"));
    /// # Ok::<(), ws_close_codes_codegen::Error>(())
    /// ```
    pub fn iana(mut self, include: bool) -> Self {
        self.iana = include;
        self
    }

    /// Takes the IANA codes, and the limits of the code ranges, from
    /// `catalog` instead of the snapshot bundled in
    /// `ws-close-codes-registry` (see [`ws_close_codes_registry::bundled`]),
    /// for example to generate from a newer registry document.
    ///
    /// ```
    /// use ws_close_codes_codegen::Builder;
    ///
    /// let mut catalog = ws_close_codes_registry::bundled().unwrap().catalog;
    /// catalog.entries.retain(|entry| entry.value == 1000);
    /// let source = Builder::new().catalog(catalog).generate()?;
    /// assert!(source.contains("NormalClosure = Record {\n            value: 1000,"));
    /// assert!(!source.contains("GoingAway"));
    /// # Ok::<(), ws_close_codes_codegen::Error>(())
    /// ```
    pub fn catalog(mut self, catalog: Catalog) -> Self {
        self.catalog = Some(catalog);
        self
    }

    /// Whether specs may use values of 3000-3999 (default `false`). IANA
    /// registers those for libraries, frameworks and applications, first
    /// come, first served; use one only for a code you have registered, and
    /// otherwise one of 4000-4999, which are for private use.
    ///
    /// ```
    /// use ws_close_codes_codegen::Builder;
    ///
    /// let spec = "[[code]]\nvalue = 3333\nname = \"Our registered code\"\n";
    /// assert!(Builder::new().spec_str("s.toml", spec).generate().is_err());
    /// let source = Builder::new()
    ///     .spec_str("s.toml", spec)
    ///     .allow_registered_range(true)
    ///     .generate()?;
    /// assert!(source.contains("OurRegisteredCode = Record {\n            value: 3333,"));
    /// # Ok::<(), ws_close_codes_codegen::Error>(())
    /// ```
    pub fn allow_registered_range(mut self, allow: bool) -> Self {
        self.allow_registered_range = allow;
        self
    }

    /// Whether to print `cargo:rerun-if-changed=PATH` for every spec file
    /// read, so that Cargo runs the build script again when one changes.
    ///
    /// By default the lines are printed only when the program is a build
    /// script, which Cargo tells by setting both `OUT_DIR` and
    /// `CARGO_MANIFEST_DIR` when it runs one; `true` or `false` decides
    /// regardless. Specs given as text are not files and print nothing.
    /// The lines are printed by [`generate`](Builder::generate) (and so by
    /// [`write_to`](Builder::write_to)), before the file is read.
    ///
    /// Note that once a build script prints one `rerun-if-changed` line,
    /// Cargo stops running it again for any other changed file of the
    /// package; a build script that reads more files must print their lines
    /// itself.
    ///
    /// ```
    /// use ws_close_codes_codegen::Builder;
    ///
    /// // A test or a tool that generates the code: never print the lines.
    /// let builder = Builder::new().rerun_if_changed(false);
    /// # let _ = builder;
    /// ```
    pub fn rerun_if_changed(mut self, emit: bool) -> Self {
        self.rerun_if_changed = Some(emit);
        self
    }

    /// Reads and checks the specs and returns the generated source: a `//`
    /// header naming the generator, the specs and the registry, then the
    /// enum and everything around it, formatted by prettyplease. The same
    /// inputs always give the same bytes.
    ///
    /// The text is meant for `include!` in item position; it holds no inner
    /// attributes. It defines a private module (the enum name in snake case,
    /// then `_generated`) and re-exports the enum, the catch-all's payload
    /// and the parse error from it with `pub use`; include it in a private
    /// module of your own to keep them private.
    ///
    /// # Errors
    ///
    /// When the enum name is unusable, a spec file cannot be read, or a spec
    /// is invalid (see [`Builder`]), and when neither the specs nor IANA
    /// give a code.
    ///
    /// ```
    /// use ws_close_codes_codegen::Builder;
    ///
    /// let spec = "[[code]]\nvalue = 4408\nname = \"Connection initialisation timeout\"\n";
    /// let source = Builder::new().spec_str("close-codes.toml", spec).generate()?;
    /// assert!(source.starts_with("// @generated by ws-close-codes-codegen from \"close-codes.toml\""));
    /// assert!(source.contains("ConnectionInitialisationTimeout = Record {\n            value: 4408,"));
    /// assert_eq!(source, Builder::new().spec_str("close-codes.toml", spec).generate()?);
    /// # Ok::<(), ws_close_codes_codegen::Error>(())
    /// ```
    pub fn generate(&self) -> Result<String, Error> {
        let emit = self.emit();
        let (source, warnings) = self.generate_with_warnings()?;
        if emit {
            for warning in &warnings {
                // One line each: Cargo shows a `cargo:warning` up to the end
                // of its line.
                println!("cargo:warning={}", warning.replace(['\n', '\r'], " "));
            }
        }
        Ok(source)
    }

    /// [`generate`](Builder::generate), returning the warnings instead of
    /// printing them for Cargo: a code of a spec without `ident` whose name
    /// gives no usable identifier (too long, no letters, a reserved name
    /// such as `Self` or `Other`), so that its variant is named after its
    /// value (`Code4001`). Each warning names the place and says how to pin
    /// an identifier.
    ///
    /// # Errors
    ///
    /// As [`generate`](Builder::generate).
    ///
    /// # Examples
    ///
    /// ```
    /// use ws_close_codes_codegen::Builder;
    ///
    /// let spec = "[[code]]\nvalue = 4001\nname = \"!!!\"\n";
    /// let (source, warnings) = Builder::new()
    ///     .spec_str("close-codes.toml", spec)
    ///     .generate_with_warnings()?;
    /// assert!(source.contains("Code4001 = Record {"));
    /// assert_eq!(warnings.len(), 1);
    /// assert!(warnings[0].starts_with("close-codes.toml:3:8: the name \"!!!\" gives no usable"));
    /// assert!(warnings[0].contains("ident = \""));
    /// # Ok::<(), ws_close_codes_codegen::Error>(())
    /// ```
    pub fn generate_with_warnings(&self) -> Result<(String, Vec<String>), Error> {
        let emit = self.emit();
        let mut problems = Vec::new();
        if !is_valid_ident(&self.enum_name) {
            problems.push(Error::other(format!(
                "the enum name {:?} is not a usable type name: use ASCII letters, digits and \
                 underscores, start with an uppercase letter, at most 64 characters, and not a \
                 keyword, Self or Other",
                self.enum_name
            )));
        }
        let mut sources = Vec::new();
        for spec in &self.specs {
            match spec {
                Spec::File(path) => {
                    if emit {
                        println!("cargo:rerun-if-changed={}", path.display());
                    }
                    let name = path.display().to_string();
                    match std::fs::read_to_string(path) {
                        Ok(text) => sources.push((name, text)),
                        Err(error) => problems.push(Error::in_file(
                            &name,
                            format!("cannot read the spec file: {error}"),
                        )),
                    }
                }
                Spec::Text { name, text } => sources.push((name.clone(), text.clone())),
            }
        }
        let catalog = match &self.catalog {
            Some(catalog) => catalog.clone(),
            None => {
                ws_close_codes_registry::bundled()
                    .map_err(|error| {
                        Error::other(format!(
                            "the IANA registry bundled in ws-close-codes-registry does not \
                             build: {error}"
                        ))
                    })?
                    .catalog
            }
        };
        let mut merge = Merge::new(&catalog, self.iana, self.allow_registered_range);
        for (name, text) in &sources {
            let (codes, spec_problems) = parse_spec(name, text);
            problems.extend(spec_problems);
            for code in codes {
                if let Err(error) = merge.add(name, &code) {
                    problems.push(error);
                }
            }
        }
        if problems.is_empty() && merge.codes.is_empty() {
            problems.push(Error::other(
                "there is nothing to generate: no spec has a [[code]] and the IANA codes \
                 are left out",
            ));
        }
        if let Some(error) = Error::all(problems) {
            return Err(error);
        }
        let mut codes = merge.codes;
        codes.sort_by_key(|code| code.value);
        let model = AppModel {
            enum_name: self.enum_name.clone(),
            sources: sources.into_iter().map(|(name, _)| name).collect(),
            iana_updated: self.iana.then_some(catalog.document_updated),
            bundled: self.catalog.is_none(),
            codes,
        };
        Ok((app_source(&model), merge.warnings))
    }

    /// Whether to print `cargo:` lines: as set, or when run by a build
    /// script (Cargo sets `OUT_DIR` and `CARGO_MANIFEST_DIR`).
    fn emit(&self) -> bool {
        self.rerun_if_changed.unwrap_or_else(|| {
            std::env::var_os("OUT_DIR").is_some()
                && std::env::var_os("CARGO_MANIFEST_DIR").is_some()
        })
    }

    /// Generates the source (see [`generate`](Builder::generate)) and
    /// writes it to `path`, unless the file already holds exactly that text,
    /// so that an unchanged spec does not make Cargo rebuild the crate. The
    /// directories leading to `path` are created.
    ///
    /// In a build script, write into `OUT_DIR` (as here, with a temporary
    /// directory for the example) and `include!` the file in the crate
    /// (`include!(concat!(env!("OUT_DIR"), "/app_close_code.rs"));`):
    ///
    /// ```
    /// use ws_close_codes_codegen::Builder;
    ///
    /// let out_dir = std::env::temp_dir().join(format!("write-to-doc-{}", std::process::id()));
    /// let target = out_dir.join("app_close_code.rs");
    /// let builder = Builder::new().spec_str("close-codes.toml", "[[code]]\nvalue = 4429\nname = \"Too many\"\n");
    /// builder.write_to(&target)?;
    /// let written = std::fs::read_to_string(&target).unwrap();
    /// assert_eq!(written, builder.generate()?);
    /// # std::fs::remove_dir_all(&out_dir).unwrap();
    /// # Ok::<(), ws_close_codes_codegen::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Those of [`generate`](Builder::generate), and when the file cannot be
    /// written.
    pub fn write_to(&self, path: impl AsRef<Path>) -> Result<(), Error> {
        let path = path.as_ref();
        let source = self.generate()?;
        if std::fs::read(path).is_ok_and(|old| old == source.as_bytes()) {
            return Ok(());
        }
        let fail = |error: std::io::Error| {
            Error::in_file(
                &path.display().to_string(),
                format!("cannot write the generated code: {error}"),
            )
        };
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(fail)?;
        }
        std::fs::write(path, source).map_err(fail)
    }
}

/// Where a known code comes from, for messages.
enum Origin {
    Iana,
    Spec { file: String, at: Position },
}

/// A code already in the enum: what later codes must not collide with.
struct Known {
    value: u16,
    ident: String,
    name: String,
    origin: Origin,
}

impl Known {
    /// `IANA's code 3000 "Unauthorized"` or
    /// `code 4401 "Unauthorized" at close-codes.toml:2:1`.
    fn describe(&self) -> String {
        match &self.origin {
            Origin::Iana => format!("IANA's code {} {:?}", self.value, self.name),
            Origin::Spec { file, at } => format!(
                "code {} {:?} at {file}:{}:{}",
                self.value, self.name, at.line, at.column
            ),
        }
    }

    /// What to add to a message about a collision with this code.
    fn hint(&self) -> &'static str {
        match self.origin {
            Origin::Iana => ", or leave out the IANA codes with Builder::iana(false)",
            Origin::Spec { .. } => "",
        }
    }
}

/// The codes of the enum as they are added, checked one by one.
struct Merge {
    layout: Layout,
    allow_registered_range: bool,
    known: Vec<Known>,
    codes: Vec<Row>,
    /// Codes whose identifier is their value, because their name gives
    /// none: one message each, with the place.
    warnings: Vec<String>,
}

impl Merge {
    fn new(catalog: &Catalog, iana: bool, allow_registered_range: bool) -> Self {
        let mut merge = Merge {
            layout: catalog.layout,
            allow_registered_range,
            known: Vec::new(),
            codes: Vec::new(),
            warnings: Vec::new(),
        };
        if iana {
            for entry in &catalog.entries {
                merge.known.push(Known {
                    value: entry.value,
                    ident: entry.ident.clone(),
                    name: entry.title.clone(),
                    origin: Origin::Iana,
                });
                merge.codes.push(Row::from_entry(entry));
            }
        }
        merge
    }

    /// Checks `code` of the spec `file` against the allowed ranges and the
    /// codes before it, and adds it.
    fn add(&mut self, file: &str, code: &SpecCode) -> Result<(), Error> {
        let value = self.check_value(file, code)?;
        if let Some(known) = self.known.iter().find(|known| known.value == value) {
            let fix = match known.origin {
                Origin::Iana => "choose another value",
                Origin::Spec { .. } => "every code needs a value of its own",
            };
            return Err(Error::at(
                file,
                code.value_at,
                format!(
                    "value {value} is already used by {}; {fix}{}",
                    known.describe(),
                    known.hint()
                ),
            ));
        }
        if let Some((known, what, exact)) = self.collision(&code.name) {
            return Err(Error::at(
                file,
                code.name_at,
                format!(
                    "name {:?} is already {what} of {}{}; choose another name{}",
                    code.name,
                    known.describe(),
                    case_note(exact),
                    known.hint()
                ),
            ));
        }
        let ident = match &code.ident {
            Some((ident, at)) => {
                if !is_valid_ident(ident) {
                    return Err(Error::at(
                        file,
                        *at,
                        format!(
                            "ident {ident:?} is not a usable variant name: use ASCII letters, \
                             digits and underscores, start with an uppercase letter, at most 64 \
                             characters, and not a keyword, Self or Other"
                        ),
                    ));
                }
                if let Some((known, what, exact)) = self.collision(ident) {
                    return Err(Error::at(
                        file,
                        *at,
                        format!(
                            "ident {ident:?} is already {what} of {}{}; set ident to another \
                             identifier{}",
                            known.describe(),
                            case_note(exact),
                            known.hint()
                        ),
                    ));
                }
                ident.clone()
            }
            None => {
                let (ident, derivation) = derive_ident(value, &code.name, &BTreeSet::new());
                if derivation != Derivation::Words {
                    self.warnings.push(format!(
                        "{file}:{}:{}: the name {:?} gives no usable Rust identifier (too long, \
                         no letters, or a reserved name), so the variant is named {ident}; to \
                         choose its name, add ident = \"...\" to this [[code]]",
                        code.name_at.line, code.name_at.column, code.name
                    ));
                }
                if let Some((known, what, exact)) = self.collision(&ident) {
                    return Err(Error::at(
                        file,
                        code.name_at,
                        format!(
                            "the identifier {ident:?} derived from the name {:?} is already \
                             {what} of {}{}; add ident = \"...\" with another identifier{}",
                            code.name,
                            known.describe(),
                            case_note(exact),
                            known.hint()
                        ),
                    ));
                }
                ident
            }
        };
        self.known.push(Known {
            value,
            ident: ident.clone(),
            name: code.name.clone(),
            origin: Origin::Spec {
                file: file.to_owned(),
                at: code.at,
            },
        });
        let description = code
            .description
            .clone()
            .unwrap_or_else(|| code.name.clone());
        let doc = self.spec_doc(file, code, value);
        self.codes.push(Row {
            value,
            ident,
            name: code.name.clone(),
            description,
            iana_description: None,
            contact: None,
            references: Vec::new(),
            registered_on: None,
            updated_on: None,
            doc,
        });
        Ok(())
    }

    /// The value of `code` if it lies in an allowed range.
    fn check_value(&self, file: &str, code: &SpecCode) -> Result<u16, Error> {
        let Layout {
            registered,
            private,
            ..
        } = self.layout;
        let text = &code.value_text;
        let message = match code.value {
            Some(value)
                if private.contains(value)
                    || (self.allow_registered_range && registered.contains(value)) =>
            {
                return Ok(value)
            }
            Some(value) if registered.contains(value) => format!(
                "value {text} is in {registered}, the range for codes that libraries and \
                 applications register with IANA; choose a value in {private} (private use), \
                 or call Builder::allow_registered_range(true) for a code you have registered"
            ),
            _ if self.allow_registered_range => format!(
                "value {text} is outside {}; choose a value in {registered} (registered with \
                 IANA) or {private} (private use)",
                Span {
                    start: registered.start,
                    end: private.end
                }
            ),
            _ => format!(
                "value {text} is outside {private}, the range for private use; choose a value \
                 in {private}"
            ),
        };
        Err(Error::at(file, code.value_at, message))
    }

    /// The known code whose identifier or name is `text`, ignoring ASCII
    /// case, with which of the two it is and whether the case matches too.
    fn collision(&self, text: &str) -> Option<(&Known, &'static str, bool)> {
        self.known.iter().find_map(|known| {
            if known.ident.eq_ignore_ascii_case(text) {
                Some((known, "the identifier", known.ident == text))
            } else if known.name.eq_ignore_ascii_case(text) {
                Some((known, "the name", known.name == text))
            } else {
                None
            }
        })
    }

    /// The documentation of a spec code's variant.
    fn spec_doc(&self, file: &str, code: &SpecCode, value: u16) -> String {
        let mut doc = format!("`{value}` **{}**", escape_markdown(&code.name));
        if let Some(description) = &code.description {
            doc.push_str("\n\n");
            doc.push_str(&escape_markdown(description));
        }
        let range = if self.layout.private.contains(value) {
            format!("Private use ({})", self.layout.private)
        } else {
            format!("Registered range ({})", self.layout.registered)
        };
        doc.push_str(&format!(
            "\n\n- {range}, defined in {}",
            escape_markdown(file)
        ));
        doc
    }
}

/// The note for a collision found only when case is ignored.
fn case_note(exact: bool) -> &'static str {
    if exact {
        ""
    } else {
        " when case is ignored, as parsing does"
    }
}
