//! Every string a user reads, in English and French.
//!
//! A [`Text`] holds both languages of one string, with `{name}` placeholders. It is only made
//! through [`text!`](crate::text!), which refuses at compile time a text whose two languages do
//! not use the same placeholders, so a string cannot exist in one language only. A [`Message`]
//! is a text with its arguments: findings, fixes and notes keep it, so a report can be shown in
//! either language after the check.
//!
//! Built without the `french` feature (the planner page, whose first visit carries English
//! only), a text keeps its English and a six-bit tag of its French ([`french_tag`]), and the
//! French is installed at run time with [`install_french`] once the page has fetched it: the
//! English and the tag find it. The tag tells apart the few English texts that read differently
//! in French by where they are used ("Fix" is "Corriger" on a button and "Correction" as a
//! heading). Until French is installed, or for a text it lacks, French reads as English.

use std::fmt;
use std::str::FromStr;

/// The languages the project speaks. English is the default of the CLI and the JS package.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Fr,
}

impl Lang {
    pub const ALL: [Self; 2] = [Self::En, Self::Fr];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Fr => "fr",
        }
    }

    /// A colon and the space after it as the language writes them: French also spaces before.
    pub fn colon(self) -> &'static str {
        match self {
            Self::En => ": ",
            Self::Fr => " : ",
        }
    }

    /// A semicolon and its spaces, as [`Lang::colon`].
    pub fn semicolon(self) -> &'static str {
        match self {
            Self::En => "; ",
            Self::Fr => " ; ",
        }
    }

    /// Whether `count` of something takes the singular: English puts zero in the plural
    /// ("0 errors"), French does not ("0 erreur").
    pub fn is_singular(self, count: usize) -> bool {
        match self {
            Self::En => count == 1,
            Self::Fr => count <= 1,
        }
    }
}

impl FromStr for Lang {
    type Err = String;

    /// Reads `en` or `fr`, and also a browser's language tag such as `fr-CA`.
    fn from_str(code: &str) -> Result<Self, Self::Err> {
        let primary = code.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
        match primary.as_str() {
            "en" => Ok(Self::En),
            "fr" => Ok(Self::Fr),
            _ => Err(format!("unknown language \"{code}\"; expected \"en\" or \"fr\"")),
        }
    }
}

/// One string in both languages.
#[cfg(feature = "french")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Text {
    pub en: &'static str,
    pub fr: &'static str,
}

/// One string's English and the tag of its French: together, the key of its French among the
/// pairs that [`install_french`] takes.
#[cfg(not(feature = "french"))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Text {
    pub en: &'static str,
    french_tag: u8,
}

impl Text {
    /// Use [`text!`](crate::text!), which runs this in a constant so a mismatch fails the build.
    #[doc(hidden)]
    pub const fn checked(en: &'static str, fr: &'static str) -> Self {
        assert!(!en.is_empty() && !fr.is_empty(), "a text needs both languages");
        assert!(
            placeholders_covered(en.as_bytes(), fr.as_bytes())
                && placeholders_covered(fr.as_bytes(), en.as_bytes()),
            "the English and French texts must use the same placeholders"
        );
        Self::keeping(en, fr)
    }

    #[cfg(feature = "french")]
    const fn keeping(en: &'static str, fr: &'static str) -> Self {
        Self { en, fr }
    }

    /// Evaluated in a constant, so the French literal is never linked: only its tag is.
    #[cfg(not(feature = "french"))]
    const fn keeping(en: &'static str, fr: &'static str) -> Self {
        Self { en, french_tag: french_tag(fr) }
    }

    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            #[cfg(feature = "french")]
            Lang::Fr => self.fr,
            #[cfg(not(feature = "french"))]
            Lang::Fr => installed::get(self.en, self.french_tag).unwrap_or(self.en),
        }
    }

    /// The text with no arguments, as a message.
    pub fn message(self) -> Message {
        Message::new(self, Vec::new())
    }
}

/// A text with the values of its placeholders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    text: Text,
    args: Vec<(&'static str, Arg)>,
}

/// The value of a placeholder: plain text (a name, an address), or a message of its own that is
/// rendered in the same language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Plain(String),
    Message(Box<Message>),
}

impl<T: fmt::Display> From<T> for Arg {
    fn from(value: T) -> Self {
        Self::Plain(value.to_string())
    }
}

impl Message {
    pub fn new(text: Text, args: Vec<(&'static str, Arg)>) -> Self {
        Self { text, args }
    }

    /// Words that come from outside the project, such as a library's error, shown as they are
    /// in every language.
    pub fn verbatim(words: impl Into<String>) -> Self {
        Self::new(VERBATIM, vec![("words", Arg::Plain(words.into()))])
    }

    /// This message with `{name}` standing for another message, rendered in the same language.
    pub fn with_message(mut self, name: &'static str, message: Message) -> Self {
        self.args.push((name, Arg::Message(Box::new(message))));
        self
    }

    /// The text behind the message.
    pub fn text(&self) -> Text {
        self.text
    }

    /// The message in `lang`, each `{name}` replaced by its argument. A placeholder with no
    /// argument stays as written, which a test of every rule's messages would show.
    pub fn render(&self, lang: Lang) -> String {
        let template = self.text.get(lang);
        let mut out = String::with_capacity(template.len() + 16);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            let (before, from_brace) = rest.split_at(open);
            out.push_str(before);
            let Some(close) = from_brace.find('}') else {
                out.push_str(from_brace);
                return out;
            };
            let name = from_brace.get(1..close).unwrap_or_default();
            match self.args.iter().find(|(key, _)| *key == name) {
                Some((_, Arg::Plain(value))) => out.push_str(value),
                Some((_, Arg::Message(inner))) => out.push_str(&inner.render(lang)),
                None => out.push_str(from_brace.get(..=close).unwrap_or_default()),
            }
            rest = from_brace.get(close + 1..).unwrap_or_default();
        }
        out.push_str(rest);
        out
    }
}

const VERBATIM: Text = crate::text!("{words}", "{words}");

impl From<Text> for Message {
    fn from(text: Text) -> Self {
        text.message()
    }
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// Six bits of a French text's FNV-1a hash: it tells apart the French texts of one English text.
/// Six bits, because the page's code carries one per text, and a constant under 64 takes one
/// byte of wasm. Two French texts of one English with the same tag fail the page's build
/// (`crates/vnetplan-wasm/examples/french_texts.rs`).
#[allow(clippy::indexing_slicing)]
pub const fn french_tag(french: &str) -> u8 {
    let bytes = french.as_bytes();
    let mut hash: u32 = 0x811c_9dc5;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u32;
        hash = hash.wrapping_mul(0x0100_0193);
        i += 1;
    }
    (hash & 0x3f) as u8
}

#[cfg(feature = "french")]
pub use inline::*;
#[cfg(not(feature = "french"))]
pub use installed::*;

#[cfg(feature = "french")]
mod inline {
    /// Whether French reads as French: always, in a build with the `french` feature.
    pub fn french_available() -> bool {
        true
    }

    /// Does nothing: a build with the `french` feature carries its French.
    pub fn install_french(_pairs: Vec<(String, String)>) {}
}

#[cfg(not(feature = "french"))]
mod installed {
    use std::collections::HashMap;
    use std::sync::OnceLock;

    static FRENCH: OnceLock<HashMap<(&'static str, u8), &'static str>> = OnceLock::new();

    /// Whether French reads as French: once [`install_french`] has run.
    pub fn french_available() -> bool {
        FRENCH.get().is_some()
    }

    /// Gives this build without French the French of its texts, as pairs of an English text
    /// and its French: every text of the project, as the build writes them for the page. Only the
    /// first call counts.
    pub fn install_french(pairs: Vec<(String, String)>) {
        // Texts are `'static`: the strings stay for as long as the page, as they would have had
        // they come with it.
        let leak = |string: String| -> &'static str { Box::leak(string.into_boxed_str()) };
        FRENCH.get_or_init(|| {
            pairs
                .into_iter()
                .map(|(english, french)| ((leak(english), super::french_tag(&french)), leak(french)))
                .collect()
        });
    }

    pub(super) fn get(english: &'static str, tag: u8) -> Option<&'static str> {
        FRENCH.get()?.get(&(english, tag)).copied()
    }
}

/// Makes a [`Text`] from its English and French forms, checked at compile time.
#[macro_export]
macro_rules! text {
    ($en:expr, $fr:expr $(,)?) => {{
        const TEXT: $crate::text::Text = $crate::text::Text::checked($en, $fr);
        TEXT
    }};
}

/// Makes a [`Message`]: a text (a constant, or English and French literals in brackets) and the
/// values of its placeholders, `name = value`.
#[macro_export]
macro_rules! msg {
    ([$en:expr, $fr:expr $(,)?] $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::text::Message::new(
            $crate::text!($en, $fr),
            vec![$((stringify!($name), $crate::text::Arg::from($value))),*],
        )
    };
    ($text:expr $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::text::Message::new($text, vec![$((stringify!($name), $crate::text::Arg::from($value))),*])
    };
}

/// Whether every `{name}` of `source` also appears in `other`.
// These run in constants only (`text!`): an index out of bounds would stop the build, never a
// running program, and slices have no `const` checked access to use instead.
#[allow(clippy::indexing_slicing)]
const fn placeholders_covered(source: &[u8], other: &[u8]) -> bool {
    let mut i = 0;
    while i < source.len() {
        if source[i] == b'{' {
            let start = i + 1;
            let mut end = start;
            while end < source.len() && source[end] != b'}' {
                end += 1;
            }
            if !contains_placeholder(other, source, start, end) {
                return false;
            }
            i = end;
        }
        i += 1;
    }
    true
}

#[allow(clippy::indexing_slicing)]
const fn contains_placeholder(haystack: &[u8], source: &[u8], start: usize, end: usize) -> bool {
    let length = end - start;
    let mut i = 0;
    while i + length + 1 < haystack.len() {
        if haystack[i] == b'{' && haystack[i + length + 1] == b'}' {
            let mut k = 0;
            while k < length && haystack[i + 1 + k] == source[start + k] {
                k += 1;
            }
            if k == length {
                return true;
            }
        }
        i += 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    const GREETING: Text =
        crate::text!("cluster '{name}' has {count} nodes", "le cluster « {name} » a {count} nœuds");

    #[test]
    fn zero_is_plural_in_english_and_singular_in_french() {
        let singular = |lang: Lang| [0, 1, 2].map(|count| lang.is_singular(count));
        assert_eq!(singular(Lang::En), [false, true, false]);
        assert_eq!(singular(Lang::Fr), [true, true, false]);
    }

    #[test]
    fn renders_each_language_with_its_arguments() {
        let message = crate::msg!(GREETING, name = "aks", count = 3);
        assert_eq!(message.render(Lang::En), "cluster 'aks' has 3 nodes");
        assert_eq!(message.render(Lang::Fr), "le cluster « aks » a 3 nœuds");
    }

    #[test]
    fn inline_texts_take_arguments_too() {
        let message = crate::msg!(["{n} free", "{n} libres"], n = 7);
        assert_eq!(message.render(Lang::Fr), "7 libres");
    }

    #[test]
    fn placeholders_must_match_in_both_languages() {
        assert!(placeholders_covered(b"a {x} b {y}", b"{y} then {x}"));
        assert!(!placeholders_covered(b"a {x}", b"a {xy}"));
        assert!(!placeholders_covered(b"{name}", b"no placeholder"));
        assert!(placeholders_covered(b"no placeholder", b"{extra}"));
    }

    #[test]
    fn a_missing_argument_stays_visible() {
        assert_eq!(GREETING.message().render(Lang::En), "cluster '{name}' has {count} nodes");
    }

    #[test]
    fn languages_read_browser_tags() {
        assert_eq!("fr-CA".parse(), Ok(Lang::Fr));
        assert_eq!("EN".parse(), Ok(Lang::En));
        assert!("de".parse::<Lang>().is_err());
    }
}
