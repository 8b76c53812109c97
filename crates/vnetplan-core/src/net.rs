//! IPv4 values as a plan writes them, and the interval arithmetic the rules use.
//!
//! Parsing is stricter than `std` on purpose so that every rejection can say which part of the
//! text is wrong and what would be right. Addresses are kept as inclusive `u32` intervals because
//! every question the rules ask ("does A overlap B", "is A inside B") is an interval question.

use std::fmt;
use std::net::{Ipv4Addr, Ipv6Addr};

use ipnet::{IpNet, Ipv4Net, Ipv6Net};

use crate::text::{Lang, Message};

/// Why a network value could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueError {
    Empty,
    SurroundingWhitespace,
    Ipv6,
    MissingPrefixLength,
    BadPrefixLength(String),
    OctetCount(usize),
    NotDecimal(String),
    OctetTooLarge(String),
    LeadingZero(String),
    UnexpectedPrefixLength,
    /// Text that is not an IPv6 prefix `address/n` (RFC 4291 or RFC 5952 form, n 0 to 128).
    BadIpv6Prefix(String),
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().render(Lang::En))
    }
}

impl ValueError {
    /// What is wrong with the value, in both languages, for a finding's message.
    pub fn message(&self) -> Message {
        match self {
            Self::Empty => msg!(["the value is empty", "la valeur est vide"]),
            Self::SurroundingWhitespace => msg!([
                "the value has spaces around it; remove them",
                "la valeur est entourée d’espaces ; retirez-les"
            ]),
            Self::Ipv6 => msg!([
                "this is an IPv6 value, and this field takes IPv4 only",
                "c’est une valeur IPv6, et ce champ n’accepte que l’IPv4"
            ]),
            Self::MissingPrefixLength => msg!([
                "the prefix length is missing; write it as a.b.c.d/n",
                "la longueur de préfixe manque ; écrivez-la sous la forme a.b.c.d/n"
            ]),
            Self::BadPrefixLength(text) => msg!(
                [
                    "the prefix length '{text}' is not a whole number from 0 to 32",
                    "la longueur de préfixe « {text} » n’est pas un entier de 0 à 32"
                ],
                text = text
            ),
            Self::OctetCount(count) => msg!(
                [
                    "an IPv4 address has 4 dot-separated numbers, this one has {count}",
                    "une adresse IPv4 compte 4 nombres séparés par des points, celle-ci en a {count}"
                ],
                count = count
            ),
            Self::NotDecimal(octet) => msg!(
                [
                    "'{octet}' is not a number from 0 to 255 written with the digits 0-9",
                    "« {octet} » n’est pas un nombre de 0 à 255 écrit avec les chiffres 0-9"
                ],
                octet = octet
            ),
            Self::OctetTooLarge(octet) => {
                msg!(["'{octet}' is larger than 255", "« {octet} » dépasse 255"], octet = octet)
            }
            Self::BadIpv6Prefix(text) => msg!(
                [
                    "'{text}' is not an IPv6 prefix; write it as address/n with n from 0 to 128, \
                     without a zone (for example fd00:db8::/64)",
                    "« {text} » n’est pas un préfixe IPv6 ; écrivez-le sous la forme adresse/n, n allant \
                     de 0 à 128, sans zone (par exemple fd00:db8::/64)"
                ],
                text = text
            ),
            Self::UnexpectedPrefixLength => msg!([
                "this field takes one address such as 10.0.0.10, not a range",
                "ce champ prend une seule adresse, comme 10.0.0.10, et non une plage"
            ]),
            Self::LeadingZero(octet) => msg!(
                [
                    "'{octet}' has a leading zero, which some tools read as octal; write '{plain}'",
                    "« {octet} » commence par un zéro, que certains outils lisent comme de l’octal ; \
                     écrivez « {plain} »"
                ],
                octet = octet,
                plain = octet.trim_start_matches('0').parse::<u32>().unwrap_or(0)
            ),
        }
    }
}

impl std::error::Error for ValueError {}

/// Reads a dotted-quad IPv4 address: four decimal octets, no leading zeros, no spaces.
pub fn parse_ipv4(text: &str) -> Result<Ipv4Addr, ValueError> {
    check_surroundings(text)?;
    if is_ipv6(text) {
        return Err(ValueError::Ipv6);
    }
    if text.as_bytes().contains(&b'/') {
        return Err(ValueError::UnexpectedPrefixLength);
    }
    parse_dotted_quad(text)
}

/// Reads `a.b.c.d/n`. Host bits are kept as written: whether they are allowed is the caller's
/// decision, because the docker bridge field documents `172.17.0.1/16` as its default.
pub fn parse_cidr(text: &str) -> Result<Ipv4Net, ValueError> {
    plain_cidr(text.as_bytes()).map_or_else(|| careful_cidr(text), Ok)
}

/// [`parse_cidr`] step by step, so that a rejection names what is wrong.
fn careful_cidr(text: &str) -> Result<Ipv4Net, ValueError> {
    check_surroundings(text)?;
    let (address, _) = text.split_once('/').unwrap_or((text, ""));
    // Every IPv6 address has a colon; the full IPv6 reader is left for those that do.
    if address.contains(':') && is_ipv6(address) {
        return Err(ValueError::Ipv6);
    }
    let Some(slash) = text.bytes().position(|b| b == b'/') else {
        parse_dotted_quad(text)?;
        return Err(ValueError::MissingPrefixLength);
    };
    let (address, length) = (text.get(..slash).unwrap_or(""), text.get(slash + 1..).unwrap_or(""));
    let address = parse_dotted_quad(address)?;
    let length = parse_prefix_length(length)?;
    Ipv4Net::new(address, length).map_err(|_| ValueError::BadPrefixLength(length.to_string()))
}

/// Reads a VNet, subnet or external prefix: an IPv4 CIDR as [`parse_cidr`] reads it, or an IPv6
/// prefix in RFC 4291 or RFC 5952 text (`fd00:db8::/64`). No zone, no spaces, and the prefix
/// length is decimal without a leading zero. Host bits are kept, as with IPv4.
pub fn parse_prefix(text: &str) -> Result<IpNet, ValueError> {
    check_surroundings(text)?;
    let address = text.split_once('/').map_or(text, |(address, _)| address);
    if !address.contains(':') {
        return parse_cidr(text).map(IpNet::V4);
    }
    parse_ipv6_prefix(text).map(IpNet::V6)
}

/// Reads an IPv6 prefix strictly; see [`parse_prefix`].
pub fn parse_ipv6_prefix(text: &str) -> Result<Ipv6Net, ValueError> {
    let bad = || ValueError::BadIpv6Prefix(text.to_owned());
    let (address, length) = text.split_once('/').ok_or_else(bad)?;
    let length_ok = !length.is_empty()
        && length.len() <= 3
        && length.bytes().all(|b| b.is_ascii_digit())
        && !(length.len() > 1 && length.starts_with('0'));
    if !length_ok || address.contains('%') {
        return Err(bad());
    }
    let address: Ipv6Addr = address.parse().map_err(|_| bad())?;
    let length: u8 = length.parse().map_err(|_| bad())?;
    let net = Ipv6Net::new(address, length).map_err(|_| bad())?;
    // The same text through ipnet's own reader must agree, so nothing lax slips through.
    match text.parse::<Ipv6Net>() {
        Ok(parsed) if parsed == net => Ok(net),
        _ => Err(bad()),
    }
}

/// Whether two IPv6 prefixes share an address.
pub fn ipv6_overlap(a: Ipv6Net, b: Ipv6Net) -> bool {
    a.trunc().contains(&b.trunc().network()) || b.trunc().contains(&a.trunc().network())
}

/// Whether `outer` holds all of `inner`.
pub fn ipv6_contains(outer: Ipv6Net, inner: Ipv6Net) -> bool {
    outer.trunc().contains(&inner.trunc())
}

/// Whether `text` is an IPv6 address, a zone such as `%eth0` included: `std` reads no zones, yet
/// a link-local address copied from `ipconfig` (`fe80::1%12`) is IPv6 all the same, and saying
/// so helps more than calling it a malformed IPv4 value. The zone is read as Python's `ipaddress`
/// reads it: anything non-empty without a second '%' or a '/'.
fn is_ipv6(text: &str) -> bool {
    let address = match text.split_once('%') {
        Some((address, zone)) if !zone.is_empty() && !zone.contains(['%', '/']) => address,
        Some(_) => return false,
        None => text,
    };
    address.parse::<Ipv6Addr>().is_ok()
}

fn check_surroundings(text: &str) -> Result<(), ValueError> {
    if text.trim().is_empty() {
        return Err(ValueError::Empty);
    }
    if text.trim() != text {
        return Err(ValueError::SurroundingWhitespace);
    }
    Ok(())
}

fn parse_prefix_length(text: &str) -> Result<u8, ValueError> {
    let bad = || ValueError::BadPrefixLength(text.to_owned());
    if text.is_empty() || text.len() > 2 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    if text.len() == 2 && text.starts_with('0') {
        return Err(bad());
    }
    match text.parse::<u8>() {
        Ok(length) if length <= 32 => Ok(length),
        _ => Err(bad()),
    }
}

fn parse_dotted_quad(text: &str) -> Result<Ipv4Addr, ValueError> {
    if let Some(address) = plain_dotted_quad(text.as_bytes()) {
        return Ok(address);
    }
    let mut octets = [0u8; 4];
    let mut count = 0;
    for part in text.split('.') {
        if let Some(slot) = octets.get_mut(count) {
            *slot = octet(part)?;
        }
        count += 1;
    }
    if count != 4 {
        return Err(ValueError::OctetCount(count));
    }
    Ok(Ipv4Addr::from(octets))
}

/// A well-formed address in one pass over its bytes, for the thousands of prefixes of a large
/// plan; `None` for anything else, which the part-by-part reader then explains.
fn plain_dotted_quad(bytes: &[u8]) -> Option<Ipv4Addr> {
    let mut octets = [0u8; 4];
    let mut parts = bytes.split(|&b| b == b'.');
    for slot in &mut octets {
        let part = parts.next()?;
        let plain = matches!(part.len(), 1..=3)
            && part.iter().all(u8::is_ascii_digit)
            && !(part.len() > 1 && part.first() == Some(&b'0'));
        if !plain {
            return None;
        }
        let value = part.iter().fold(0u16, |value, digit| value * 10 + u16::from(digit - b'0'));
        *slot = u8::try_from(value).ok()?;
    }
    parts.next().is_none().then(|| Ipv4Addr::from(octets))
}

/// A well-formed `a.b.c.d/n` in one pass over its bytes, which is how nearly every prefix of a
/// large plan is written; `None` for anything else, which [`parse_cidr`]'s checks then explain.
fn plain_cidr(bytes: &[u8]) -> Option<Ipv4Net> {
    let mut address = 0u32;
    let mut octets = 0;
    let mut rest = bytes.iter();
    // Each octet: one to three digits, no leading zero, at most 255, then '.' or, after the
    // fourth, '/'.
    loop {
        let mut value = 0u32;
        let mut digits = 0;
        let end = loop {
            match *rest.next()? {
                digit @ b'0'..=b'9' if digits < 3 && !(digits == 1 && value == 0) => {
                    value = value * 10 + u32::from(digit - b'0');
                    digits += 1;
                }
                end @ (b'.' | b'/') if digits > 0 => break end,
                _ => return None,
            }
        };
        if value > 255 {
            return None;
        }
        address = (address << 8) | value;
        octets += 1;
        match (end, octets) {
            (b'/', 4) => break,
            (b'.', 1..=3) => {}
            _ => return None,
        }
    }
    let length = match *rest.as_slice() {
        [digit @ b'0'..=b'9'] => digit - b'0',
        [tens @ b'1'..=b'9', units @ b'0'..=b'9'] => (tens - b'0') * 10 + (units - b'0'),
        _ => return None,
    };
    Ipv4Net::new(Ipv4Addr::from(address), length).ok()
}

fn octet(text: &str) -> Result<u8, ValueError> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ValueError::NotDecimal(text.to_owned()));
    }
    if text.len() > 1 && text.starts_with('0') {
        return Err(ValueError::LeadingZero(text.to_owned()));
    }
    // Three digits at most fit a u16 comfortably; anything longer is certainly above 255.
    match text.parse::<u16>() {
        Ok(value) => u8::try_from(value).map_err(|_| ValueError::OctetTooLarge(text.to_owned())),
        Err(_) => Err(ValueError::OctetTooLarge(text.to_owned())),
    }
}

/// An inclusive interval of IPv4 addresses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Range {
    pub first: u32,
    pub last: u32,
}

impl Range {
    /// The block `a.b.c.d/len`, host bits cleared.
    pub const fn block(a: u8, b: u8, c: u8, d: u8, len: u8) -> Self {
        let address = u32::from_be_bytes([a, b, c, d]);
        let host_mask = if len >= 32 { 0 } else { u32::MAX >> len };
        Self { first: address & !host_mask, last: address | host_mask }
    }

    /// The block `net` names, host bits or not: `network` and `broadcast` ignore them.
    pub fn of(net: Ipv4Net) -> Self {
        Self { first: u32::from(net.network()), last: u32::from(net.broadcast()) }
    }

    pub const fn address(address: u32) -> Self {
        Self { first: address, last: address }
    }

    pub const fn overlaps(self, other: Self) -> bool {
        self.first <= other.last && other.first <= self.last
    }

    pub const fn contains(self, other: Self) -> bool {
        self.first <= other.first && other.last <= self.last
    }

    pub const fn contains_address(self, address: u32) -> bool {
        self.first <= address && address <= self.last
    }

    /// Number of addresses; a `u64` because `0.0.0.0/0` holds 2^32 of them.
    pub const fn size(self) -> u64 {
        (self.last as u64) - (self.first as u64) + 1
    }

    /// The CIDR block this range is, when it is one.
    pub fn as_net(self) -> Option<Ipv4Net> {
        let size = self.size();
        if !size.is_power_of_two() || u64::from(self.first) % size != 0 {
            return None;
        }
        let len = 32 - u8::try_from(size.trailing_zeros()).ok()?;
        Ipv4Net::new(Ipv4Addr::from(self.first), len).ok()
    }
}

impl fmt::Display for Range {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.as_net() {
            Some(net) if self.first == self.last => write!(f, "{}", net.addr()),
            Some(net) => write!(f, "{net}"),
            None => write!(f, "{}-{}", Ipv4Addr::from(self.first), Ipv4Addr::from(self.last)),
        }
    }
}

/// Appends `number` in decimal. A large plan's findings and map write thousands of pointers and
/// blocks: pieced together, each costs a fraction of what the formatting machinery takes.
pub(crate) fn push_decimal(out: &mut String, number: usize) {
    if number >= 10 {
        push_decimal(out, number / 10);
    }
    out.push(char::from(b'0' + (number % 10) as u8));
}

/// The block of `net` as text, host bits cleared: `10.0.4.0/24` for `10.0.4.7/24`. The same text
/// as `net.trunc().to_string()`, pieced together (see [`push_decimal`]).
pub(crate) fn block_text(net: Ipv4Net) -> String {
    let mut text = String::with_capacity(18);
    for (index, octet) in net.network().octets().into_iter().enumerate() {
        if index > 0 {
            text.push('.');
        }
        push_decimal(&mut text, usize::from(octet));
    }
    text.push('/');
    push_decimal(&mut text, usize::from(net.prefix_len()));
    text
}

/// Usable addresses of an Azure subnet: Azure keeps the first four and the last one.
pub fn usable_addresses(net: Ipv4Net) -> u64 {
    Range::of(net).size().saturating_sub(5)
}

/// The shortest prefix whose subnet leaves at least `needed` usable addresses.
pub fn smallest_subnet_for(needed: u64) -> Option<u8> {
    (0..=29u8).rev().find(|len| (1u64 << (32 - u32::from(*len))).saturating_sub(5) >= needed)
}

/// Ranges that AKS refuses for the node VNet, the service range and the pod range.
pub const AKS_RESERVED: [Range; 4] = [
    Range::block(169, 254, 0, 0, 16),
    Range::block(172, 30, 0, 0, 16),
    Range::block(172, 31, 0, 0, 16),
    Range::block(192, 0, 2, 0, 24),
];

/// Ranges that no Azure VNet may contain.
pub const VNET_FORBIDDEN: [Range; 5] = [
    MULTICAST,
    Range::block(255, 255, 255, 255, 32),
    Range::block(127, 0, 0, 0, 8),
    Range::block(169, 254, 0, 0, 16),
    Range::block(168, 63, 129, 16, 32),
];

/// RFC 1918 private space, in the order fixes prefer it.
pub const PRIVATE_SPACE: [Range; 3] =
    [Range::block(10, 0, 0, 0, 8), Range::block(172, 16, 0, 0, 12), Range::block(192, 168, 0, 0, 16)];

/// RFC 6598 shared address space, which AKS supports for pod ranges.
pub const SHARED_SPACE: Range = Range::block(100, 64, 0, 0, 10);

/// Multicast space, which AKS refuses for a service or pod range.
pub const MULTICAST: Range = Range::block(224, 0, 0, 0, 4);

/// Whether `range` lies wholly inside one block of RFC 1918 private space or of RFC 6598 shared
/// space: what AKS accepts for the ranges that never leave a cluster.
pub fn is_private_or_shared(range: Range) -> bool {
    PRIVATE_SPACE.iter().chain([&SHARED_SPACE]).any(|space| space.contains(range))
}

/// Intervals sorted for overlap queries that cost a binary search plus the hits.
#[derive(Debug, Clone, Default)]
pub struct RangeIndex<T> {
    entries: Vec<(Range, T)>,
    /// Highest `last` among `entries[..=i]`: lets a query stop scanning backwards as soon as no
    /// earlier interval can reach the queried range.
    reach: Vec<u32>,
}

impl<T: Copy + Ord> RangeIndex<T> {
    pub fn new(mut entries: Vec<(Range, T)>) -> Self {
        // The order is total, so a stable sort gives the same result; it also finds the runs
        // that are already in order (a VNet's subnets usually are) instead of sorting them again.
        crate::sorting::sort_by(&mut entries, |a, b| {
            a.0.first.cmp(&b.0.first).then(b.0.last.cmp(&a.0.last)).then(a.1.cmp(&b.1))
        });
        let mut highest = 0;
        let reach = entries
            .iter()
            .map(|(range, _)| {
                highest = highest.max(range.last);
                highest
            })
            .collect();
        Self { entries, reach }
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn entries(&self) -> &[(Range, T)] {
        &self.entries
    }

    /// Every entry that shares at least one address with `query`, in address order.
    pub fn overlapping(&self, query: Range) -> Vec<(Range, T)> {
        let mut hits: Vec<(Range, T)> = self.overlapping_backwards(query).copied().collect();
        hits.reverse();
        hits
    }

    pub fn any_overlap(&self, query: Range) -> bool {
        self.overlapping_backwards(query).next().is_some()
    }

    /// Whether one entry holds all of `query`.
    pub fn any_containing(&self, query: Range) -> bool {
        self.overlapping_backwards(query).any(|(range, _)| range.contains(query))
    }

    /// The entries that share an address with `query`, from the last in address order to the
    /// first. Nothing is allocated: questions asked once per subnet stay cheap.
    fn overlapping_backwards(&self, query: Range) -> impl Iterator<Item = &(Range, T)> {
        let end = self.entries.partition_point(|(range, _)| range.first <= query.last);
        let reach = &self.reach;
        self.entries
            .get(..end)
            .unwrap_or_default()
            .iter()
            .enumerate()
            .rev()
            .take_while(move |(i, _)| reach.get(*i).is_some_and(|reach| *reach >= query.first))
            .map(|(_, entry)| entry)
            .filter(move |(range, _)| range.last >= query.first)
    }

    /// Pairs of entries that overlap each other. Each entry is paired with the nearest earlier
    /// entry that encloses or crosses it, so a sweep over sorted starts finds every conflicting
    /// entry without comparing every pair.
    pub fn overlapping_pairs(&self) -> Vec<(T, T)> {
        let mut open: Vec<(Range, T)> = Vec::new();
        let mut pairs = Vec::new();
        for &(range, id) in &self.entries {
            while open.last().is_some_and(|(top, _)| top.last < range.first) {
                open.pop();
            }
            if let Some(&(_, top_id)) = open.last() {
                pairs.push((top_id, id));
            }
            if open.last().is_none_or(|(top, _)| range.last <= top.last) {
                open.push((range, id));
            } else {
                // A partial overlap (possible only for non-CIDR intervals): the new entry reaches
                // further, so it replaces the top as the interval later entries must be tested on.
                open.pop();
                open.push((range, id));
            }
        }
        pairs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_pieced_together_reads_as_the_formatted_one() {
        // Every prefix length, over addresses with one, two and three digits in each octet and
        // with host bits set, which the block's text leaves out.
        let addresses = [0u32, 0x0A00_0407, 0x6463_6465, 0xC0A8_01FF, 0xFFFF_FFFF, 0x0102_0304];
        for address in addresses {
            for len in 0..=32 {
                let net = Ipv4Net::new(Ipv4Addr::from(address), len).expect("a length up to 32");
                assert_eq!(block_text(net), net.trunc().to_string(), "{net}");
            }
        }
    }

    #[test]
    fn the_one_pass_reader_reads_what_the_careful_one_reads_and_nothing_else() {
        let mut texts: Vec<String> = [
            "0.0.0.0/0",
            "255.255.255.255/32",
            "10.0.0.0/8",
            "10.1.2.3/9",
            "1.2.3.4/33",
            "1.2.3.4/08",
            "1.2.3.4/3a",
            "1.2.3.4/",
            "1.2.3.4/100",
            "01.2.3.4/8",
            "1.02.3.4/8",
            "0.0.0.00/8",
            "256.1.1.1/8",
            "1.1.1.1000/8",
            "1.1.1/8",
            "1.1.1.1.1/8",
            "1..1.1/8",
            ".1.1.1/8",
            "1.1.1.1./8",
            "1.1.1.1",
            "1.1.1.1/8/8",
            " 1.1.1.1/8",
            "1.1.1.1/8 ",
            "fd00::/8",
            "1.1.1.1/+8",
            "1.1.1.1/-8",
            "١.1.1.1/8",
            "",
        ]
        .into_iter()
        .map(str::to_owned)
        .collect();
        for octet in ["0", "9", "10", "99", "100", "199", "200", "249", "250", "255", "256", "300", "999"] {
            for length in ["0", "1", "9", "10", "24", "30", "32", "33", "39", "40", "99"] {
                texts.push(format!("{octet}.{octet}.0.{octet}/{length}"));
            }
        }
        // Refusing costs only time (the careful reader follows); reading differently is a bug.
        let mut read = 0;
        for text in &texts {
            if let Some(net) = plain_cidr(text.as_bytes()) {
                assert_eq!(careful_cidr(text), Ok(net), "{text}");
                read += 1;
            }
        }
        let valid = texts.iter().filter(|text| careful_cidr(text).is_ok()).count();
        assert_eq!(read, valid, "every valid text here is written plainly");
    }

    fn cidr(text: &str) -> Ipv4Net {
        parse_cidr(text).expect("test value parses")
    }

    #[test]
    fn strict_cidr_parsing() {
        assert_eq!(parse_cidr("10.1.0.0/16"), Ok(cidr("10.1.0.0/16")));
        assert_eq!(parse_cidr("010.1.0.0/16"), Err(ValueError::LeadingZero("010".into())));
        assert_eq!(parse_cidr("1.2.3.4/33"), Err(ValueError::BadPrefixLength("33".into())));
        assert_eq!(parse_cidr("1.2.3.4/08"), Err(ValueError::BadPrefixLength("08".into())));
        assert_eq!(parse_cidr("10.0.0.0"), Err(ValueError::MissingPrefixLength));
        assert_eq!(parse_cidr("10.0.0.256/24"), Err(ValueError::OctetTooLarge("256".into())));
        assert_eq!(parse_cidr("10.0.0/24"), Err(ValueError::OctetCount(3)));
        assert_eq!(parse_cidr(" 10.0.0.0/24"), Err(ValueError::SurroundingWhitespace));
        assert_eq!(parse_cidr(""), Err(ValueError::Empty));
        assert_eq!(parse_cidr("   "), Err(ValueError::Empty));
        assert_eq!(parse_cidr("fd00::/64"), Err(ValueError::Ipv6));
        assert_eq!(parse_cidr("١٠.0.0.0/8"), Err(ValueError::NotDecimal("١٠".into())));
        assert_eq!(parse_cidr("10.0.0.0/+8"), Err(ValueError::BadPrefixLength("+8".into())));
        assert_eq!(parse_cidr("10.0.0.5/24").map(|n| n.addr()), Ok(Ipv4Addr::new(10, 0, 0, 5)));
    }

    #[test]
    fn ipv6_prefixes_are_read_strictly() {
        let v6 = |text: &str| {
            parse_prefix(text).ok().and_then(|net| match net {
                IpNet::V6(net) => Some(net.to_string()),
                IpNet::V4(_) => None,
            })
        };
        assert_eq!(v6("fd00:db8::/64").as_deref(), Some("fd00:db8::/64"));
        assert_eq!(v6("fd00:0db8:0000:0000:0000:0000:0000:0000/48").as_deref(), Some("fd00:db8::/48"));
        assert_eq!(v6("::/0").as_deref(), Some("::/0"));
        // Host bits are kept for cidr-has-host-bits to report.
        assert_eq!(v6("fd00::1/64").as_deref(), Some("fd00::1/64"));
        for bad in [
            "fd00::/129",
            "fd00::/064",
            "fd00::",
            "fe80::1%eth0/64",
            "fd00::/",
            "fd00:::/64",
            "fd00::/+8",
            "gd00::/64",
        ] {
            assert_eq!(parse_prefix(bad), Err(ValueError::BadIpv6Prefix(bad.to_owned())), "{bad}");
        }
        assert_eq!(parse_prefix(" fd00::/64"), Err(ValueError::SurroundingWhitespace));
        assert_eq!(parse_prefix("10.0.0.0/8").map(|net| net.to_string()), Ok("10.0.0.0/8".to_owned()));
        assert_eq!(parse_prefix("010.0.0.0/8"), Err(ValueError::LeadingZero("010".into())));
        let net = |text: &str| parse_ipv6_prefix(text).expect("valid");
        assert!(ipv6_overlap(net("fd00::/48"), net("fd00:0:0:1::/64")));
        assert!(!ipv6_overlap(net("fd00::/64"), net("fd00:0:0:1::/64")));
        assert!(ipv6_contains(net("fd00::/48"), net("fd00:0:0:1::/64")));
        assert!(!ipv6_contains(net("fd00:0:0:1::/64"), net("fd00::/48")));
    }

    #[test]
    fn strict_address_parsing() {
        assert_eq!(parse_ipv4("10.0.0.10"), Ok(Ipv4Addr::new(10, 0, 0, 10)));
        assert_eq!(parse_ipv4("10.0.0.010"), Err(ValueError::LeadingZero("010".into())));
        assert_eq!(parse_ipv4("::1"), Err(ValueError::Ipv6));
        assert_eq!(parse_ipv4("10.0.0.0/24"), Err(ValueError::UnexpectedPrefixLength));
        assert_eq!(parse_ipv4("99999.1.1.1"), Err(ValueError::OctetTooLarge("99999".into())));
    }

    #[test]
    fn ipv6_with_a_zone_is_named_ipv6() {
        assert_eq!(parse_ipv4("fe80::1%eth0"), Err(ValueError::Ipv6));
        assert_eq!(parse_cidr("fe80::1%eth0"), Err(ValueError::Ipv6));
        assert_eq!(parse_cidr("fe80::1%eth0/64"), Err(ValueError::Ipv6));
        assert_eq!(parse_cidr("fe80::1%2/64"), Err(ValueError::Ipv6));
        // An empty zone, or a second '%', is not an IPv6 address with a zone.
        assert_eq!(parse_ipv4("fe80::1%"), Err(ValueError::NotDecimal("fe80::1%".into())));
        assert_eq!(parse_ipv4("fe80::1%a%b"), Err(ValueError::NotDecimal("fe80::1%a%b".into())));
        assert_eq!(parse_ipv4("fe80::1%eth0/64"), Err(ValueError::UnexpectedPrefixLength));
    }

    #[test]
    fn error_messages_say_what_would_be_right() {
        assert_eq!(
            ValueError::LeadingZero("010".into()).to_string(),
            "'010' has a leading zero, which some tools read as octal; write '10'"
        );
        assert_eq!(
            ValueError::MissingPrefixLength.to_string(),
            "the prefix length is missing; write it as a.b.c.d/n"
        );
    }

    #[test]
    fn range_relations() {
        let vnet = Range::of(cidr("10.0.0.0/16"));
        let subnet = Range::of(cidr("10.0.1.0/24"));
        assert!(vnet.contains(subnet) && vnet.overlaps(subnet) && !subnet.contains(vnet));
        assert!(!subnet.overlaps(Range::of(cidr("10.0.2.0/24"))));
        assert_eq!(Range::of(cidr("0.0.0.0/0")).size(), 1 << 32);
        assert_eq!(Range::of(cidr("172.17.0.1/16")).to_string(), "172.17.0.0/16");
        assert_eq!(Range::address(u32::from(Ipv4Addr::new(10, 0, 0, 10))).to_string(), "10.0.0.10");
    }

    #[test]
    fn subnet_sizes_follow_azure_reservations() {
        assert_eq!(usable_addresses(cidr("10.0.0.0/24")), 251);
        assert_eq!(usable_addresses(cidr("10.0.0.0/29")), 3);
        assert_eq!(usable_addresses(cidr("10.0.0.0/32")), 0);
        assert_eq!(smallest_subnet_for(1_581), Some(21));
        assert_eq!(smallest_subnet_for(251), Some(24));
        assert_eq!(smallest_subnet_for(252), Some(23));
    }

    #[test]
    fn index_finds_overlaps_by_sorting() {
        let ranges = ["10.0.0.0/24", "10.0.1.0/24", "10.0.0.128/25", "10.0.4.0/22", "10.0.5.0/24"];
        let index =
            RangeIndex::new(ranges.iter().enumerate().map(|(i, text)| (Range::of(cidr(text)), i)).collect());
        assert_eq!(index.overlapping_pairs(), vec![(0, 2), (3, 4)]);
        let hits: Vec<usize> =
            index.overlapping(Range::of(cidr("10.0.0.0/22"))).iter().map(|e| e.1).collect();
        assert_eq!(hits, vec![0, 2, 1]);
        assert!(!index.any_overlap(Range::of(cidr("10.0.2.0/23"))));
        assert!(index.any_overlap(Range::of(cidr("10.0.5.128/25"))));
        // Held by 10.0.4.0/22, past the 10.0.5.0/24 that overlaps it without holding it.
        assert!(index.any_containing(Range::of(cidr("10.0.4.0/23"))));
        assert!(index.any_containing(Range::of(cidr("10.0.0.128/26"))));
        // Overlapped by two entries, held by neither.
        assert!(!index.any_containing(Range::of(cidr("10.0.0.0/23"))));
    }

    #[test]
    fn identical_ranges_pair_up() {
        let index =
            RangeIndex::new(vec![(Range::of(cidr("10.0.0.0/24")), 1), (Range::of(cidr("10.0.0.0/24")), 0)]);
        assert_eq!(index.overlapping_pairs(), vec![(0, 1)]);
    }
}
