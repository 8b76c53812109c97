//! Writing plan text into other languages: string literals that keep any value intact, comments
//! that stay on their line, and identifiers that the target language accepts.
//!
//! Plan names are free text. A name with a quote, a space, a newline or `${` must come out as
//! the same name, never as code.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::fmt::Write;

/// A shell word: left bare when every character is inert in a POSIX shell, single quoted
/// otherwise, where only the quote itself needs care. Text with control characters is written
/// as bash's `$'…'` instead, so that a newline in a name does not split the command's line.
///
/// The crate's one shell quoter: whatever writes a value into a command line uses it.
pub(crate) fn shell(text: &str) -> Cow<'_, str> {
    let inert = |c: char| c.is_ascii_alphanumeric() || "_-.,:/=+@%".contains(c);
    if !text.is_empty() && text.chars().all(inert) {
        Cow::Borrowed(text)
    } else if text.chars().any(char::is_control) {
        let mut out = String::from("$'");
        for c in text.chars() {
            match c {
                '\\' | '\'' => escape_char(&mut out, c),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                _ if c.is_ascii_control() => {
                    let _ = write!(out, "\\x{:02x}", u32::from(c));
                }
                _ if c.is_control() => {
                    let _ = write!(out, "\\u{:04x}", u32::from(c));
                }
                _ => out.push(c),
            }
        }
        out.push('\'');
        Cow::Owned(out)
    } else {
        Cow::Owned(format!("'{}'", text.replace('\'', r"'\''")))
    }
}

/// A Python string literal.
pub(super) fn python(text: &str) -> String {
    quoted(text, '"', |c, out| match c {
        '\\' | '"' => escape_char(out, c),
        _ if c.is_control() => {
            let _ = write!(out, "\\U{:08x}", u32::from(c));
        }
        _ => out.push(c),
    })
}

/// An HCL (Terraform) string literal. `${` and `%{` start templates there, so they are doubled.
pub(super) fn hcl(text: &str) -> String {
    let escaped = text.replace("${", "$${").replace("%{", "%%{");
    quoted(&escaped, '"', |c, out| match c {
        '\\' | '"' => escape_char(out, c),
        _ if c.is_control() => {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        }
        _ => out.push(c),
    })
}

/// A Bicep string literal. `${` starts an interpolation there, so its `$` is escaped.
pub(super) fn bicep(text: &str) -> String {
    let mut chars = text.chars().peekable();
    let mut out = String::with_capacity(text.len() + 2);
    out.push('\'');
    while let Some(c) = chars.next() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\\' | '\'' => escape_char(&mut out, c),
            '$' if chars.peek() == Some(&'{') => escape_char(&mut out, c),
            _ if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            _ => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// A literal inside an ARM template expression such as `[resourceId('rg', …)]`.
pub(super) fn arm_expression_literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// A plain ARM template string. ARM reads `[…]` as an expression; a leading `[[` keeps it text.
pub(super) fn arm_text(text: &str) -> Cow<'_, str> {
    if text.starts_with('[') && text.ends_with(']') {
        Cow::Owned(format!("[{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Text for a line comment: control characters, a newline above all, would end the comment
/// and turn the rest of a name into code, so they are written as escapes.
pub(super) fn comment(text: &str) -> Cow<'_, str> {
    if text.chars().any(char::is_control) {
        Cow::Owned(
            text.chars()
                .map(|c| if c.is_control() { c.escape_default().to_string() } else { c.into() })
                .collect(),
        )
    } else {
        Cow::Borrowed(text)
    }
}

/// A name made only of ASCII letters, digits and `-`, for DNS prefixes and rule names:
/// other characters become `-`, and the result neither starts nor ends with one.
pub(super) fn label(text: &str, max_len: usize) -> String {
    let mut mapped = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            mapped.push(c.to_ascii_lowercase());
        } else if !mapped.ends_with('-') {
            mapped.push('-');
        }
    }
    let trimmed: String = mapped.trim_start_matches('-').chars().take(max_len).collect();
    let label = trimmed.trim_end_matches('-');
    if label.is_empty() {
        "x".to_owned()
    } else {
        label.to_owned()
    }
}

/// Identifiers handed out for one output document, each unique within it.
#[derive(Default)]
pub(super) struct Identifiers {
    taken: BTreeSet<String>,
}

impl Identifiers {
    /// An identifier valid in both Terraform and Bicep (`[A-Za-z_][A-Za-z0-9_]*`) made from
    /// `text`, with `_2`, `_3`, … appended when an earlier call already took it.
    pub(super) fn claim(&mut self, text: &str) -> String {
        let mut base: String = text
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' })
            .collect();
        if !base.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
            base.insert(0, '_');
        }
        let chosen = (1..)
            .map(|n| if n == 1 { base.clone() } else { format!("{base}_{n}") })
            .find(|candidate| !self.taken.contains(candidate))
            .unwrap_or(base);
        self.taken.insert(chosen.clone());
        chosen
    }
}

/// What an option of a [`Command`] takes: a value from the plan, quoted as needed, or a shell
/// variable that the script sets before.
#[derive(Debug, Clone, Copy)]
pub(super) enum Operand<'a> {
    Word(&'a str),
    Variable(&'a str),
}

/// A shell command, one option a line once it is too long to read on one.
pub(super) struct Command {
    head: &'static str,
    options: Vec<String>,
}

impl Command {
    const MAX_LINE: usize = 100;

    /// `head` is the fixed part, such as `az aks create`.
    pub(super) fn new(head: &'static str) -> Self {
        Self { head, options: Vec::new() }
    }

    /// An option with a value from the plan, quoted as needed.
    pub(super) fn arg(mut self, flag: &str, value: &str) -> Self {
        self.options.push(format!("{flag} {}", shell(value)));
        self
    }

    /// An option with several values.
    pub(super) fn args<'a>(mut self, flag: &str, values: impl IntoIterator<Item = &'a str>) -> Self {
        let words: Vec<Cow<'_, str>> = values.into_iter().map(shell).collect();
        self.options.push(format!("{flag} {}", words.join(" ")));
        self
    }

    /// An option whose value is a shell variable of the script.
    pub(super) fn var(mut self, flag: &str, variable: &str) -> Self {
        self.options.push(format!("{flag} \"${variable}\""));
        self
    }

    pub(super) fn operand(self, flag: &str, operand: Operand<'_>) -> Self {
        match operand {
            Operand::Word(value) => self.arg(flag, value),
            Operand::Variable(variable) => self.var(flag, variable),
        }
    }

    pub(super) fn flag(mut self, flag: &str) -> Self {
        self.options.push(flag.to_owned());
        self
    }

    /// The command on one line, for `$(…)`.
    pub(super) fn line(&self) -> String {
        let mut line = self.head.to_owned();
        for option in &self.options {
            line.push(' ');
            line.push_str(option);
        }
        line
    }

    pub(super) fn render(&self) -> String {
        let line = self.line();
        if line.len() <= Self::MAX_LINE {
            return line;
        }
        let mut text = self.head.to_owned();
        for option in &self.options {
            text.push_str(" \\\n  ");
            text.push_str(option);
        }
        text
    }
}

fn quoted(text: &str, quote: char, mut push: impl FnMut(char, &mut String)) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push(quote);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            _ => push(c, &mut out),
        }
    }
    out.push(quote);
    out
}

fn escape_char(out: &mut String, c: char) {
    out.push('\\');
    out.push(c);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_words_keep_any_text() {
        assert_eq!(shell("10.2.0.0/16"), "10.2.0.0/16");
        assert_eq!(shell("my net"), "'my net'");
        assert_eq!(shell("it's"), r"'it'\''s'");
        assert_eq!(shell("$(rm -rf /)"), "'$(rm -rf /)'");
        assert_eq!(shell(""), "''");
        assert_eq!(shell("a'b\nc"), r"$'a\'b\nc'");
    }

    #[test]
    fn python_literals_escape_quotes_and_newlines() {
        assert_eq!(python(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(python("x\ny"), r#""x\ny""#);
        assert_eq!(python("\u{1}"), r#""\U00000001""#);
    }

    #[test]
    fn template_literals_escape_interpolation() {
        assert_eq!(hcl("a ${b} %{c} \"d\""), r#""a $${b} %%{c} \"d\"""#);
        assert_eq!(bicep("it's ${x}\\"), r"'it\'s \${x}\\'");
        assert_eq!(arm_expression_literal("it's"), "'it''s'");
        assert_eq!(arm_text("[concat('a')]"), "[[concat('a')]");
        assert_eq!(arm_text("[a"), "[a");
    }

    #[test]
    fn comments_stay_on_one_line() {
        assert_eq!(comment("a\nrm -rf /"), "a\\nrm -rf /");
        assert_eq!(comment("plain"), "plain");
    }

    #[test]
    fn identifiers_are_valid_and_unique() {
        let mut ids = Identifiers::default();
        assert_eq!(ids.claim("ml-aks"), "ml_aks");
        assert_eq!(ids.claim("ml aks"), "ml_aks_2");
        assert_eq!(ids.claim("1st"), "_1st");
        assert_eq!(ids.claim("réseau"), "r_seau");
        assert_eq!(label("My Cluster!", 54), "my-cluster");
        assert_eq!(label("--", 54), "x");
    }
}
