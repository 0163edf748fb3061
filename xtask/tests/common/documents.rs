//! Registry documents built from the fixture by editing its text:
//! registering a code, removing one, adding a reference, moving the date.

use super::workspace::baseline;

/// A registry document, built from the fixture by editing its text.
#[derive(Clone, Debug)]
pub struct Document(pub String);

impl Document {
    /// The fixture's document, as the copy starts with it.
    pub fn baseline() -> Document {
        Document(baseline())
    }

    /// The close-code registry's part of the text: (start, end) byte offsets.
    fn close_codes(&self) -> (usize, usize) {
        let start = self
            .0
            .find("<registry id=\"close-code-number\">")
            .expect("close-code registry");
        let end = start
            + self.0[start..]
                .find("</registry>")
                .expect("end of registry");
        (start, end)
    }

    /// The `<record>...</record>` elements of the close-code registry, as
    /// (start, end) byte offsets.
    fn records(&self) -> Vec<(usize, usize)> {
        let (mut at, end) = self.close_codes();
        let mut records = Vec::new();
        while let Some(offset) = self.0[at..end].find("<record") {
            let start = at + offset;
            let stop = start + self.0[start..].find("</record>").unwrap() + "</record>".len();
            records.push((start, stop));
            at = stop;
        }
        records
    }

    fn value_of(record: &str) -> (u16, u16) {
        let value = &record[record.find("<value>").unwrap() + 7..record.find("</value>").unwrap()];
        match value.split_once('-') {
            Some((a, b)) => (a.parse().unwrap(), b.parse().unwrap()),
            None => {
                let v = value.parse().unwrap();
                (v, v)
            }
        }
    }

    /// Registers `code` (inside an unassigned range) with `description`,
    /// registered on `date`, contact Morgan_Jones.
    pub fn register(mut self, code: u16, description: &str, date: &str) -> Document {
        let (start, end, low, high) = self
            .records()
            .into_iter()
            .find_map(|(start, end)| {
                let record = &self.0[start..end];
                let (low, high) = Document::value_of(record);
                (low <= code
                    && code <= high
                    && record.contains("<description>Unassigned</description>"))
                .then_some((start, end, low, high))
            })
            .unwrap_or_else(|| panic!("{code} is not in an unassigned range"));
        let unassigned = |a: u16, b: u16| {
            let value = if a == b {
                a.to_string()
            } else {
                format!("{a}-{b}")
            };
            format!("<record>\n      <value>{value}</value>\n      <description>Unassigned</description>\n      <contact/>\n    </record>")
        };
        let mut parts = Vec::new();
        if low < code {
            parts.push(unassigned(low, code - 1));
        }
        parts.push(format!(
            "<record date=\"{date}\">\n      <value>{code}</value>\n      <description>{description}</description>\n      \
             <contact><xref type=\"person\" data=\"Morgan_Jones\"/></contact>\n    </record>"
        ));
        if code < high {
            parts.push(unassigned(code + 1, high));
        }
        self.0.replace_range(start..end, &parts.join("\n    "));
        self
    }

    /// [`Document::register`] with `text` as the description, its markup
    /// characters written as entity references (so the parser reads back
    /// `text` itself).
    pub fn register_text(self, code: u16, text: &str, date: &str) -> Document {
        let escaped = text
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        self.register(code, &escaped, date)
    }

    /// Removes the record of `code` (as a stale mirror would lack it).
    pub fn without(mut self, code: u16) -> Document {
        let (start, end) = self
            .records()
            .into_iter()
            .find(|&(s, e)| Document::value_of(&self.0[s..e]) == (code, code))
            .unwrap_or_else(|| panic!("no record for {code}"));
        let start = self.0[..start].rfind('\n').unwrap();
        self.0.replace_range(start..end, "");
        self
    }

    /// Adds a reference to the record of `code`.
    pub fn add_reference(mut self, code: u16, kind: &str, data: &str) -> Document {
        let (_, end) = self
            .records()
            .into_iter()
            .find(|&(s, e)| Document::value_of(&self.0[s..e]) == (code, code))
            .unwrap_or_else(|| panic!("no record for {code}"));
        let at = end - "</record>".len();
        self.0.insert_str(
            at,
            &format!("  <xref type=\"{kind}\" data=\"{data}\"/>\n    "),
        );
        self
    }

    /// Sets the document's own `updated` date.
    pub fn updated(mut self, date: &str) -> Document {
        let start = self.0.find("<updated>").unwrap() + "<updated>".len();
        let end = start + self.0[start..].find("</updated>").unwrap();
        self.0.replace_range(start..end, date);
        self
    }

    pub fn bytes(&self) -> Vec<u8> {
        self.0.clone().into_bytes()
    }
}
