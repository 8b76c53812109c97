//! Differential test of the core's IPv4 parsers against Python's `ipaddress` module.
//!
//! 100,000 texts (valid values, near misses and hostile noise) go through `parse_cidr` and
//! `parse_ipv4` here and through `ipaddress` in `tests/differential/classify.py`. Both sides must
//! accept the same texts and read the same values from them, and must agree on which texts are
//! IPv6, except for the differences listed in `DELIBERATE`. Every listed difference must still
//! occur, so the list cannot keep excusing behaviour that no longer exists.
//!
//! Python's `ip_interface` is the reference for a CIDR field, because the core keeps host bits as
//! written (`172.17.0.1/16` is a documented docker bridge value); `ip_network(strict=True)` is
//! the reference for whether the host bits are zero. `ip_address` is the reference for an address
//! field. The generic functions rather than `IPv4Interface` and `IPv4Address` are used so that
//! the core's refusal of IPv6 is a listed difference too, checked like the others.
//!
//! `cargo test -p vnetplan-tests --test differential -- --nocapture` shows the counts per shape
//! of text and per listed difference.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::Value;
use vnetplan_core::net::{parse_cidr, parse_ipv4, ValueError};

const CASES: usize = 100_000;
const SEED: u64 = 0x5eed_cafe_f00d_0001;

const BARE_ADDRESS: &str = "CIDR field: an address without a prefix length";
const PADDED_PREFIX: &str = "CIDR field: a prefix length written with leading zeros";
const MASK: &str = "CIDR field: a dotted netmask or hostmask after the slash";
const IPV6_NETWORK: &str = "CIDR field: an IPv6 value";
const IPV6_ADDRESS: &str = "address field: an IPv6 address";
const SPACED_IPV6: &str = "either field: IPv6 text with whitespace around it";

/// Where the core parts from Python's `ipaddress` (3.11 was used to confirm each behaviour), and
/// why. `deliberate` decides which of these, if any, explains a disagreement.
const DELIBERATE: &[(&str, &str)] = &[
    (
        BARE_ADDRESS,
        "Python reads 10.1.0.0 as the network 10.1.0.0/32. In a plan, a range field holding a \
         lone address is far more often a forgotten prefix than a one-address range, so the core \
         asks for the /n.",
    ),
    (
        PADDED_PREFIX,
        "Python reads the length with int(), so /08 and /0016 mean /8 and /16, while it refuses \
         the same zeros in an octet because they read as octal elsewhere. The core applies the \
         octet rule to the length too, so one rule covers every number in the value.",
    ),
    (
        MASK,
        "Python takes /255.255.0.0 (netmask) and /0.0.255.255 (hostmask) for /16. A plan holds \
         prefixes as az and ARM templates write them, a.b.c.d/n, and the mask form is ambiguous \
         besides: Python reads /0.0.0.0 as the netmask /0, yet as a hostmask it means /32.",
    ),
    (
        IPV6_NETWORK,
        "Python reads IPv6 networks, IPv4-mapped ones included. Every range the plan describes is \
         IPv4, so the core refuses them and says the value is IPv6.",
    ),
    (
        IPV6_ADDRESS,
        "Python reads IPv6 addresses. Every address the plan holds is IPv4, so the core refuses \
         them and says the value is IPv6.",
    ),
    (
        SPACED_IPV6,
        "Python lets an IPv6 zone ID end in whitespace, so it accepts fe80::1%eth0 followed by a \
         space as an IPv6 address, and it reads ::1/64 followed by a space as IPv6 before the \
         slash. The core names whitespace around a value before anything else, so its message is \
         about the whitespace; once that is removed, it says IPv6.",
    ),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Cidr,
    Address,
}

/// One way the two sides disagreed about one text in one field.
#[derive(Debug)]
struct Difference {
    field: Field,
    /// "accepts", "value" or "IPv6".
    aspect: &'static str,
    rust: String,
    python: String,
}

/// What `classify.py` printed for one text.
struct Python {
    address: Option<String>,
    address_version: Option<u64>,
    interface: Option<String>,
    interface_version: Option<u64>,
    network: Option<String>,
    strict: bool,
    head_is_ipv6: bool,
    is_ipv6: bool,
}

impl Python {
    fn from_json(line: &str) -> Self {
        let value: Value = serde_json::from_str(line).expect("classify.py prints JSON");
        let text = |key: &str| value[key].as_str().map(str::to_owned);
        let flag = |key: &str| value[key].as_bool().expect("classify.py prints every flag");
        Self {
            address: text("address"),
            address_version: value["address_version"].as_u64(),
            interface: text("interface"),
            interface_version: value["interface_version"].as_u64(),
            network: text("network"),
            strict: flag("strict"),
            head_is_ipv6: flag("head_is_ipv6"),
            is_ipv6: flag("is_ipv6"),
        }
    }
}

fn differences(text: &str, python: &Python) -> Vec<Difference> {
    let mut found = Vec::new();
    let mut differ = |field, aspect, rust: String, python: String| {
        found.push(Difference { field, aspect, rust, python });
    };

    let cidr = parse_cidr(text);
    match (&cidr, &python.interface) {
        (Ok(net), Some(interface)) => {
            let rust = format!("{net} network {} strict {}", net.trunc(), net.addr() == net.network());
            let theirs = format!(
                "{interface} network {} strict {}",
                python.network.as_deref().unwrap_or("none"),
                python.strict
            );
            if rust != theirs {
                differ(Field::Cidr, "value", rust, theirs);
            }
        }
        (Ok(net), None) => differ(Field::Cidr, "accepts", format!("accepts {net}"), "rejects".into()),
        (Err(error), Some(interface)) => {
            differ(Field::Cidr, "accepts", format!("rejects: {error}"), format!("accepts {interface}"));
        }
        (Err(_), None) => {}
    }
    let rust_ipv6 = cidr == Err(ValueError::Ipv6);
    if rust_ipv6 != python.head_is_ipv6 {
        differ(
            Field::Cidr,
            "IPv6",
            describe(&cidr),
            format!("text before '/' is IPv6: {}", python.head_is_ipv6),
        );
    }

    let address = parse_ipv4(text);
    match (&address, &python.address) {
        (Ok(ours), Some(theirs)) if ours.to_string() != *theirs => {
            differ(Field::Address, "value", ours.to_string(), theirs.clone());
        }
        (Ok(_), Some(_)) | (Err(_), None) => {}
        (Ok(ours), None) => differ(Field::Address, "accepts", format!("accepts {ours}"), "rejects".into()),
        (Err(error), Some(theirs)) => {
            differ(Field::Address, "accepts", format!("rejects: {error}"), format!("accepts {theirs}"));
        }
    }
    let rust_ipv6 = address == Err(ValueError::Ipv6);
    if rust_ipv6 != python.is_ipv6 {
        differ(Field::Address, "IPv6", describe(&address), format!("is IPv6: {}", python.is_ipv6));
    }
    found
}

fn describe<T: std::fmt::Display>(result: &Result<T, ValueError>) -> String {
    match result {
        Ok(value) => format!("accepts {value}"),
        Err(error) => format!("rejects: {error}"),
    }
}

/// The entry of `DELIBERATE` that explains `difference`, if one does. Each rule checks both the
/// shape of the text and that each side did exactly what the rule says, so a rule cannot excuse
/// a different disagreement that happens to share the shape.
fn deliberate(text: &str, difference: &Difference, python: &Python) -> Option<&'static str> {
    let (rust, python_ipv6) = match difference.field {
        Field::Cidr => (parse_cidr(text).err(), python.interface_version == Some(6) || python.head_is_ipv6),
        Field::Address => (parse_ipv4(text).err(), python.address_version == Some(6) || python.is_ipv6),
    };
    if rust == Some(ValueError::SurroundingWhitespace) && python_ipv6 {
        return Some(SPACED_IPV6);
    }
    if difference.aspect != "accepts" {
        return None;
    }
    match difference.field {
        Field::Address => {
            (python.address_version == Some(6) && rust == Some(ValueError::Ipv6)).then_some(IPV6_ADDRESS)
        }
        Field::Cidr => {
            let interface = python.interface.as_deref()?;
            if python.interface_version == Some(6) {
                return (rust == Some(ValueError::Ipv6)).then_some(IPV6_NETWORK);
            }
            let Some((head, length)) = text.split_once('/') else {
                let expected = format!("{text}/32");
                return (rust == Some(ValueError::MissingPrefixLength) && interface == expected)
                    .then_some(BARE_ADDRESS);
            };
            if !matches!(rust, Some(ValueError::BadPrefixLength(_))) {
                return None;
            }
            // Python's value must be exactly what the core reads once the length is written as
            // the core wants it: then the spelling of the length is the only difference.
            let (_, theirs) = interface.split_once('/')?;
            let same_value =
                parse_cidr(&format!("{head}/{theirs}")).is_ok_and(|net| net.to_string() == interface);
            let unpadded = match length.trim_start_matches('0') {
                "" => "0",
                digits => digits,
            };
            let padded = length.len() > 1
                && length.starts_with('0')
                && length.bytes().all(|b| b.is_ascii_digit())
                && unpadded == theirs;
            if same_value && padded {
                Some(PADDED_PREFIX)
            } else if same_value && length.contains('.') {
                Some(MASK)
            } else {
                None
            }
        }
    }
}

/// xorshift64: deterministic, and plenty for choosing among shapes of text.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn between(&mut self, low: u64, high: u64) -> u64 {
        low + self.next() % (high - low + 1)
    }
    fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }
    fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())].clone()
    }
}

fn octet(rng: &mut Rng) -> u8 {
    const EDGES: &[u8] =
        &[0, 1, 2, 9, 10, 11, 99, 100, 101, 127, 128, 168, 172, 192, 199, 200, 249, 250, 254, 255];
    if rng.one_in(2) {
        rng.pick(EDGES)
    } else {
        rng.next() as u8
    }
}

fn prefix_length(rng: &mut Rng) -> u8 {
    if rng.one_in(3) {
        rng.pick(&[0, 1, 7, 8, 9, 15, 16, 17, 23, 24, 25, 29, 30, 31, 32])
    } else {
        rng.between(0, 32) as u8
    }
}

fn address_octets(rng: &mut Rng) -> [u8; 4] {
    [octet(rng), octet(rng), octet(rng), octet(rng)]
}

fn dotted(octets: [u8; 4]) -> String {
    octets.map(|o| o.to_string()).join(".")
}

fn mask(length: u8) -> [u8; 4] {
    (u32::MAX.checked_shl(32 - u32::from(length)).unwrap_or(0)).to_be_bytes()
}

fn valid_address(rng: &mut Rng) -> String {
    dotted(address_octets(rng))
}

fn valid_cidr(rng: &mut Rng) -> String {
    let mut octets = address_octets(rng);
    let length = prefix_length(rng);
    // Half with the host bits cleared, so both answers of the strict comparison come up often.
    if rng.one_in(2) {
        octets = (u32::from_be_bytes(octets) & u32::from_be_bytes(mask(length))).to_be_bytes();
    }
    format!("{}/{length}", dotted(octets))
}

/// A valid value taken apart, for mutations that change one piece of it.
struct Parts {
    octets: Vec<String>,
    length: Option<String>,
}

impl Parts {
    fn new(rng: &mut Rng) -> Self {
        let octets = address_octets(rng).iter().map(u8::to_string).collect();
        let length = (!rng.one_in(3)).then(|| prefix_length(rng).to_string());
        Self { octets, length }
    }
    fn with_length(rng: &mut Rng) -> Self {
        let mut parts = Self::new(rng);
        parts.length = Some(prefix_length(rng).to_string());
        parts
    }
    fn any_octet(&mut self, rng: &mut Rng) -> &mut String {
        let i = rng.below(self.octets.len());
        &mut self.octets[i]
    }
    fn text(&self) -> String {
        let mut text = self.octets.join(".");
        if let Some(length) = &self.length {
            text.push('/');
            text.push_str(length);
        }
        text
    }
}

fn digits(rng: &mut Rng, count: usize) -> String {
    (0..count).map(|_| char::from(b'0' + rng.below(10) as u8)).collect()
}

/// Inserts `piece` at a character boundary of `text`.
fn insert_anywhere(rng: &mut Rng, text: &str, piece: &str) -> String {
    let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
    let at = rng.pick(&boundaries);
    format!("{}{piece}{}", &text[..at], &text[at..])
}

fn valid_either(rng: &mut Rng) -> String {
    if rng.one_in(2) {
        valid_cidr(rng)
    } else {
        valid_address(rng)
    }
}

const WHITESPACE: &[&str] = &[
    " ", "  ", "\t", "\n", "\r", "\r\n", "\u{b}", "\u{c}", "\u{a0}", "\u{85}", "\u{1680}", "\u{2000}",
    "\u{2009}", "\u{2028}", "\u{2029}", "\u{202f}", "\u{205f}", "\u{3000}",
];
const INVISIBLE: &[&str] =
    &["\u{200b}", "\u{200c}", "\u{200d}", "\u{2060}", "\u{feff}", "\u{ad}", "\u{180e}"];
/// The zero of decimal digit runs that Python's `str.isdigit` accepts, beyond ASCII.
const DIGIT_ZEROS: &[u32] =
    &[0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xe50, 0xff10, 0x1d7ce, 0x1d7d8, 0x1d7ec, 0x1d7f6];
const SUPERSCRIPTS: &[char] = &['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
const CIRCLED: &[char] = &['⓪', '①', '②', '③', '④', '⑤', '⑥', '⑦', '⑧', '⑨'];

fn foreign_digit(rng: &mut Rng, digit: u32) -> char {
    match rng.below(4) {
        0 => SUPERSCRIPTS[digit as usize],
        1 => CIRCLED[digit as usize],
        _ => char::from_u32(rng.pick(DIGIT_ZEROS) + digit).expect("digit blocks are valid chars"),
    }
}

fn hex_group(rng: &mut Rng) -> String {
    let width = rng.between(1, 4) as usize;
    let group = format!("{:x}", rng.next() & 0xffff);
    let group = &group[..group.len().min(width)];
    if rng.one_in(4) {
        group.to_uppercase()
    } else {
        group.to_owned()
    }
}

fn ipv6(rng: &mut Rng) -> String {
    let groups: Vec<String> = (0..8).map(|_| hex_group(rng)).collect();
    let mut text = match rng.below(10) {
        0 => groups.join(":"),
        1 => "::".to_owned(),
        2 => "::1".to_owned(),
        3 => format!("{}::", groups[..rng.between(1, 7) as usize].join(":")),
        4 => format!("::{}", groups[..rng.between(1, 7) as usize].join(":")),
        5 => {
            let left = rng.between(1, 6) as usize;
            let right = rng.between(1, 7 - left as u64) as usize;
            format!("{}::{}", groups[..left].join(":"), groups[8 - right..].join(":"))
        }
        6 => format!("fe80::{}%{}", groups[0], rng.pick(&["eth0", "1", "en0", "", "a%b", "zone.1", "٣"])),
        7 => format!("{}:::{}", groups[0], groups[1]),
        8 => format!("{}::{}::{}", groups[0], groups[1], groups[2]),
        _ => format!("{}:{}", groups.join(":"), groups[0]),
    };
    if rng.one_in(8) {
        text = text.replacen(':', &format!(":{}", digits(rng, 5)), 1);
    }
    if !rng.one_in(3) {
        let length = if rng.one_in(5) { rng.between(129, 300) } else { rng.between(0, 128) };
        text = format!("{text}/{length}");
    }
    text
}

fn ipv4_mapped(rng: &mut Rng) -> String {
    let prefix =
        rng.pick(&["::ffff:", "::FFFF:", "::", "64:ff9b::", "::ffff:0:", "1:2:3:4:5:6:", "1:2:3:4:5:6:7:"]);
    let mut address = valid_address(rng);
    if rng.one_in(5) {
        address = format!("0{address}");
    }
    let mut text = format!("{prefix}{address}");
    if rng.one_in(2) {
        text = format!("{text}/{}", rng.between(80, 130));
    }
    text
}

fn leading_zero(rng: &mut Rng) -> String {
    let mut parts = Parts::new(rng);
    let zeros = "0".repeat(rng.between(1, 3) as usize);
    parts.any_octet(rng).insert_str(0, &zeros);
    parts.text()
}

fn octet_above_255(rng: &mut Rng) -> String {
    let mut parts = Parts::new(rng);
    let big = match rng.below(3) {
        0 => rng.pick(&[256, 300, 999, 1000, 65_535, 65_536, 4_294_967_296_u64]).to_string(),
        _ => rng.between(256, 99_999).to_string(),
    };
    *parts.any_octet(rng) = big;
    parts.text()
}

fn length_above_32(rng: &mut Rng) -> String {
    let mut parts = Parts::new(rng);
    parts.length = Some(match rng.below(3) {
        0 => rng.pick(&[33, 64, 99, 100, 128, 255, 256, 4_294_967_296_u64]).to_string(),
        _ => rng.between(33, 999).to_string(),
    });
    parts.text()
}

fn padded_length(rng: &mut Rng) -> String {
    let mut parts = Parts::with_length(rng);
    let zeros = if rng.one_in(6) { rng.between(4, 40) } else { rng.between(1, 3) };
    if let Some(length) = &mut parts.length {
        length.insert_str(0, &"0".repeat(zeros as usize));
    }
    parts.text()
}

fn missing_length(rng: &mut Rng) -> String {
    match rng.below(3) {
        0 => format!("{}/", valid_address(rng)),
        1 => format!("/{}", prefix_length(rng)),
        _ => valid_address(rng),
    }
}

fn octet_count(rng: &mut Rng) -> String {
    let mut parts = Parts::new(rng);
    let count = rng.pick(&[1, 2, 3, 5, 6]);
    parts.octets.resize_with(count, || rng.below(256).to_string());
    parts.text()
}

fn empty_part(rng: &mut Rng) -> String {
    let mut parts = Parts::new(rng);
    match rng.below(4) {
        0 => parts.any_octet(rng).clear(),
        1 => {
            let at = rng.below(parts.octets.len() + 1);
            parts.octets.insert(at, String::new());
        }
        2 => {
            let text = parts.text();
            return match text.split_once('/') {
                Some((head, length)) if rng.one_in(2) => format!("{head}./{length}"),
                _ => format!("{text}."),
            };
        }
        _ => return format!(".{}", parts.text()),
    }
    parts.text()
}

fn whitespace_around(rng: &mut Rng) -> String {
    let text = if rng.one_in(4) { ipv6(rng) } else { valid_either(rng) };
    let space = rng.pick(WHITESPACE);
    match rng.below(3) {
        0 => format!("{space}{text}"),
        1 => format!("{text}{space}"),
        _ => format!("{space}{text}{}", rng.pick(WHITESPACE)),
    }
}

fn whitespace_inside(rng: &mut Rng) -> String {
    let text = valid_either(rng);
    let space = rng.pick(WHITESPACE);
    if rng.one_in(2) {
        let separator = if text.contains('/') && rng.one_in(2) { "/" } else { "." };
        let spaced = rng.pick(&[format!("{space}{separator}"), format!("{separator}{space}")]);
        text.replacen(separator, &spaced, 1)
    } else {
        insert_anywhere(rng, &text, space)
    }
}

fn trailing_newline(rng: &mut Rng) -> String {
    format!("{}{}", valid_either(rng), rng.pick(&["\n", "\r\n", "\n\n"]))
}

fn sign(rng: &mut Rng) -> String {
    let mut parts = Parts::with_length(rng);
    let sign = rng.pick(&["+", "-", "−", "＋"]);
    match (&mut parts.length, rng.one_in(2)) {
        (Some(length), true) => length.insert_str(0, sign),
        _ => parts.any_octet(rng).insert_str(0, sign),
    }
    parts.text()
}

fn hex(rng: &mut Rng) -> String {
    let mut parts = Parts::new(rng);
    match rng.below(3) {
        0 => {
            let value: u8 = octet(rng);
            let x = rng.pick(&["0x", "0X", "x", ""]);
            *parts.any_octet(rng) = format!("{x}{value:x}");
        }
        1 => {
            let whole = u32::from_be_bytes(address_octets(rng));
            let text = rng.pick(&[format!("0x{whole:08x}"), whole.to_string(), format!("0x{whole:X}")]);
            parts.octets = vec![text];
        }
        _ => {
            if let Some(length) = &mut parts.length {
                *length = format!("0x{length}");
            }
            parts.octets = parts.octets.iter().map(|o| format!("0x{o}")).collect();
        }
    }
    parts.text()
}

fn octal_looking(rng: &mut Rng) -> String {
    let mut parts = Parts::new(rng);
    let octal = rng.pick(&["00", "01", "08", "09", "010", "012", "017", "0377", "0400", "0777", "00000"]);
    *parts.any_octet(rng) = octal.to_owned();
    parts.text()
}

fn long_digits(rng: &mut Rng) -> String {
    let mut parts = Parts::with_length(rng);
    let count = rng.between(4, 80) as usize;
    let run =
        if rng.one_in(2) { digits(rng, count) } else { format!("{}{}", "0".repeat(count), rng.below(10)) };
    match (&mut parts.length, rng.one_in(3)) {
        (Some(length), true) => *length = run,
        _ => *parts.any_octet(rng) = run,
    }
    parts.text()
}

fn unicode_digits(rng: &mut Rng) -> String {
    let text = valid_either(rng);
    let all = rng.one_in(3);
    let mut replaced = false;
    let mut out: String = text
        .chars()
        .map(|c| match c.to_digit(10) {
            Some(digit) if all || (!replaced && rng.one_in(3)) => {
                replaced = true;
                foreign_digit(rng, digit)
            }
            _ => c,
        })
        .collect();
    if !replaced {
        let digit = rng.below(10) as u32;
        out.push(foreign_digit(rng, digit));
    }
    out
}

fn unicode_separators(rng: &mut Rng) -> String {
    let text = valid_either(rng);
    if text.contains('/') && rng.one_in(2) {
        text.replace('/', rng.pick(&["／", "⁄", "∕", "\u{338}"]))
    } else {
        let dot = rng.pick(&["．", "。", "｡", "·", "٫", "\u{2024}"]);
        if rng.one_in(2) {
            text.replace('.', dot)
        } else {
            text.replacen('.', dot, 1)
        }
    }
}

fn invisible(rng: &mut Rng) -> String {
    let text = valid_either(rng);
    let piece = rng.pick(INVISIBLE);
    match rng.below(3) {
        0 => format!("{piece}{text}"),
        1 => format!("{text}{piece}"),
        _ => insert_anywhere(rng, &text, piece),
    }
}

fn netmask(rng: &mut Rng) -> String {
    let address = valid_address(rng);
    let length = prefix_length(rng);
    let mask = match rng.below(6) {
        0 | 1 => dotted(mask(length)),
        2 => dotted(mask(length).map(|o| !o)),
        3 => dotted(address_octets(rng)),
        4 => mask(length).map(|o| format!("{o:03}")).join("."),
        _ => {
            rng.pick(&["0.0.0.0", "255.255.255.255", "255.0.255.0", "255.255.0", "255.255.0.0.0"]).to_owned()
        }
    };
    format!("{address}/{mask}")
}

fn stray_separators(rng: &mut Rng) -> String {
    let text = valid_cidr(rng);
    let length = text.split_once('/').map(|(_, length)| length.to_owned()).unwrap_or_default();
    match rng.below(8) {
        0 => text.replacen('/', "//", 1),
        1 => format!("{text}/{length}"),
        2 => text.replacen('/', rng.pick(&["\\", ":", "|", "%", " /"]), 1),
        3 => text.replacen('.', rng.pick(&[",", ";", ":", "..", "-"]), 1),
        4 => format!("{text}{}", rng.pick(&["/", ".", ":", "%eth0", "#", "?"])),
        5 => format!("{}{text}", rng.pick(&["/", ":", "[", "\""])),
        6 => format!("[{text}]"),
        _ => text.replacen('.', "", 1),
    }
}

fn underscores_and_letters(rng: &mut Rng) -> String {
    let mut parts = Parts::with_length(rng);
    let piece =
        rng.pick(&["1_0", "1_6", "_1", "1_", "a", "1a", "1e2", "ten", "Ⅻ", "١_٠", "0b1", "0o7", "inf"]);
    match (&mut parts.length, rng.one_in(3)) {
        (Some(length), true) => *length = piece.to_owned(),
        _ => *parts.any_octet(rng) = piece.to_owned(),
    }
    parts.text()
}

fn random_bytes(rng: &mut Rng) -> String {
    let count = rng.below(48);
    let bytes: Vec<u8> = (0..count)
        .map(|_| if rng.one_in(2) { rng.pick(b"0123456789./:") } else { rng.next() as u8 })
        .collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

fn random_characters(rng: &mut Rng) -> String {
    let count = rng.below(40);
    (0..count)
        .map(|_| match rng.below(5) {
            0 | 1 => char::from(rng.pick(b"0123456789./:")),
            2 => {
                let digit = rng.below(10) as u32;
                foreign_digit(rng, digit)
            }
            3 => rng.pick(&[' ', '\t', '\n', '%', '+', '-', 'x', 'f', '\u{200b}', '\u{a0}', '\u{0}']),
            _ => char::from_u32(rng.below(0x11_0000) as u32).unwrap_or('\u{fffd}'),
        })
        .collect()
}

fn very_long(rng: &mut Rng) -> String {
    let count = rng.between(1_000, 20_000) as usize;
    match rng.below(5) {
        0 => format!("{}.0.0.0/8", digits(rng, count)),
        1 => format!("10.0.0.0/{}{}", "0".repeat(count), rng.pick(&["8", "16", ""])),
        2 => "1.".repeat(count / 2),
        3 => format!("{}/{}", valid_address(rng), "3".repeat(count)),
        _ => random_characters(rng).repeat(count / 20 + 1),
    }
}

type Generator = fn(&mut Rng) -> String;

/// Every shape of text, with how many of each to draw per 1,000.
const GENERATORS: &[(&str, u32, Generator)] = &[
    ("valid address", 90, valid_address),
    ("valid CIDR", 110, valid_cidr),
    ("leading zero in an octet", 30, leading_zero),
    ("octet above 255", 25, octet_above_255),
    ("prefix length above 32", 25, length_above_32),
    ("prefix length with leading zeros", 30, padded_length),
    ("missing or empty prefix length", 25, missing_length),
    ("not four octets", 25, octet_count),
    ("empty part, leading or trailing dot", 30, empty_part),
    ("whitespace around", 30, whitespace_around),
    ("whitespace inside", 25, whitespace_inside),
    ("trailing newline", 15, trailing_newline),
    ("sign", 20, sign),
    ("hexadecimal", 20, hex),
    ("octal-looking", 20, octal_looking),
    ("long digit run", 20, long_digits),
    ("non-ASCII digits", 35, unicode_digits),
    ("non-ASCII separators", 20, unicode_separators),
    ("zero-width or invisible character", 25, invisible),
    ("netmask or hostmask", 35, netmask),
    ("IPv6", 45, ipv6),
    ("IPv4-mapped IPv6", 30, ipv4_mapped),
    ("stray separators", 30, stray_separators),
    ("underscores and letters", 20, underscores_and_letters),
    ("random bytes as UTF-8", 100, random_bytes),
    ("random characters", 110, random_characters),
    ("very long", 10, very_long),
];

fn generate() -> Vec<(usize, String)> {
    let total: u32 = GENERATORS.iter().map(|(_, weight, _)| weight).sum();
    let mut rng = Rng(SEED);
    (0..CASES)
        .map(|_| {
            let mut roll = (rng.next() % u64::from(total)) as u32;
            let index = GENERATORS
                .iter()
                .position(|(_, weight, _)| {
                    let hit = roll < *weight;
                    roll = roll.saturating_sub(*weight);
                    hit
                })
                .expect("the roll is below the total weight");
            (index, (GENERATORS[index].2)(&mut rng))
        })
        .collect()
}

/// Runs `classify.py` over `texts`: Python's version and one verdict per text.
fn ask_python(texts: &[&str]) -> (String, Vec<Python>) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("differential/classify.py");
    let input = TempFile::new(
        texts.iter().map(|text| serde_json::to_string(text).expect("a string serializes") + "\n").collect(),
    );
    let output = match Command::new("python3").arg(&script).arg(&input.0).output() {
        Ok(output) => output,
        Err(error) => panic!(
            "cannot run python3 ({error}). This test compares the core's parsers with Python's \
             ipaddress module and does not skip: install Python 3.9.5 or later (Debian: apt-get \
             install python3)."
        ),
    };
    assert!(
        output.status.success(),
        "{} failed ({}):\n{}",
        script.display(),
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8(output.stdout).expect("classify.py prints UTF-8");
    let mut lines = stdout.lines();
    let header: Value = serde_json::from_str(lines.next().expect("a header line")).expect("a JSON header");
    let version = header["python"].as_str().expect("the header names Python's version").to_owned();
    let verdicts: Vec<Python> = lines.map(Python::from_json).collect();
    assert_eq!(verdicts.len(), texts.len(), "classify.py answered a different number of texts");
    (version, verdicts)
}

/// A file in the temporary directory, removed when dropped, even when an assertion fails.
struct TempFile(PathBuf);

impl TempFile {
    fn new(contents: String) -> Self {
        let path = std::env::temp_dir().join(format!("vnetplan-differential-{}.jsonl", std::process::id()));
        std::fs::write(&path, contents).expect("the temporary directory is writable");
        Self(path)
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[derive(Default, Clone)]
struct Tally {
    generated: usize,
    /// Per field (CIDR, address): both accept, both reject, different as listed, different
    /// otherwise.
    agree_accept: [usize; 2],
    agree_reject: [usize; 2],
    deliberate: [usize; 2],
    unexplained: [usize; 2],
}

/// Shows a text with everything outside printable ASCII escaped, shortened when very long.
fn shown(text: &str) -> String {
    let escaped = text.escape_debug().to_string();
    if escaped.chars().count() > 120 {
        let head: String = escaped.chars().take(100).collect();
        format!("{head}… ({} chars)", text.chars().count())
    } else {
        escaped
    }
}

#[test]
fn parsers_agree_with_python_ipaddress() {
    let started = Instant::now();
    let cases = generate();
    let generated = started.elapsed();
    let texts: Vec<&str> = cases.iter().map(|(_, text)| text.as_str()).collect();
    let (version, verdicts) = ask_python(&texts);
    let python_time = started.elapsed() - generated;

    let mut tallies = vec![Tally::default(); GENERATORS.len()];
    let mut rule_hits = vec![0usize; DELIBERATE.len()];
    let mut unexplained = Vec::new();
    let mut invalid_valid = Vec::new();
    for ((generator, text), python) in cases.iter().zip(&verdicts) {
        let tally = &mut tallies[*generator];
        tally.generated += 1;
        let found = differences(text, python);
        let cidr_ok = parse_cidr(text).is_ok();
        let address_ok = parse_ipv4(text).is_ok();
        let name = GENERATORS[*generator].0;
        if (name == "valid CIDR" && !(cidr_ok && python.interface.is_some()))
            || (name == "valid address" && !(address_ok && python.address.is_some()))
        {
            invalid_valid.push(shown(text));
        }
        for (slot, field, accepted) in [(0, Field::Cidr, cidr_ok), (1, Field::Address, address_ok)] {
            let mine: Vec<&Difference> = found.iter().filter(|d| d.field == field).collect();
            if mine.is_empty() {
                if accepted {
                    tally.agree_accept[slot] += 1;
                } else {
                    tally.agree_reject[slot] += 1;
                }
                continue;
            }
            let mut all_listed = true;
            for difference in mine {
                match deliberate(text, difference, python) {
                    Some(kind) => {
                        let rule = DELIBERATE
                            .iter()
                            .position(|(listed, _)| *listed == kind)
                            .expect("the classifier names only listed differences");
                        rule_hits[rule] += 1;
                    }
                    None => {
                        all_listed = false;
                        unexplained.push(format!(
                            "{:?} {} differs on \"{}\" [{name}]\n    core:   {}\n    Python: {}",
                            difference.field,
                            difference.aspect,
                            shown(text),
                            difference.rust,
                            difference.python
                        ));
                    }
                }
            }
            if all_listed {
                tally.deliberate[slot] += 1;
            } else {
                tally.unexplained[slot] += 1;
            }
        }
    }
    let compared = started.elapsed() - generated - python_time;

    let mut report = format!(
        "differential test against Python {version} ipaddress, {CASES} texts, seed {SEED:#x}\n\
         {:<36} {:>6} | {:^31} | {:^31}\n",
        "", "", "CIDR field", "address field"
    );
    let columns = ["accept", "reject", "listed", "other"];
    let _ = writeln!(
        report,
        "{:<36} {:>6} | {} | {}",
        "shape of text",
        "count",
        header(&columns),
        header(&columns)
    );
    for ((name, _, _), tally) in GENERATORS.iter().zip(&tallies) {
        let field = |slot: usize| {
            [
                tally.agree_accept[slot],
                tally.agree_reject[slot],
                tally.deliberate[slot],
                tally.unexplained[slot],
            ]
            .map(|n| format!("{n:>7}"))
            .join(" ")
        };
        let _ = writeln!(report, "{name:<36} {:>6} | {} | {}", tally.generated, field(0), field(1));
    }
    report.push_str("listed differences:\n");
    for ((kind, _), hits) in DELIBERATE.iter().zip(&rule_hits) {
        let _ = writeln!(report, "{hits:>7}  {kind}");
    }
    let _ = writeln!(
        report,
        "time: generate {}, Python {}, compare {}",
        ms(generated),
        ms(python_time),
        ms(compared)
    );
    println!("{report}");

    assert!(invalid_valid.is_empty(), "valid texts that a side rejects:\n{}", invalid_valid.join("\n"));
    let count = unexplained.len();
    unexplained.truncate(40);
    assert!(
        count == 0,
        "{count} disagreements with Python that DELIBERATE does not explain (first {}):\n{}",
        unexplained.len(),
        unexplained.join("\n")
    );
    let unused: Vec<&str> = DELIBERATE
        .iter()
        .zip(&rule_hits)
        .filter(|(_, hits)| **hits == 0)
        .map(|((kind, _), _)| *kind)
        .collect();
    assert!(unused.is_empty(), "listed differences that no longer occur; remove them: {unused:?}");
}

fn header(columns: &[&str]) -> String {
    columns.iter().map(|c| format!("{c:>7}")).collect::<Vec<_>>().join(" ")
}

fn ms(duration: Duration) -> String {
    format!("{} ms", duration.as_millis())
}
