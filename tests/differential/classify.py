"""Python's verdict on each candidate text, for the differential test of the core's parsers.

Reads a file of JSON strings, one per line, and prints one JSON object per line in the same
order. The first line printed carries the interpreter's version so the Rust side can say which
reference it compared against. Only ValueError counts as a rejection: anything else escaping the
ipaddress module is a surprise the test should see as a crash rather than a verdict.
"""

import ipaddress
import json
import sys

# Before 3.9.5, ipaddress read octets with leading zeros (as decimal), so it was not the strict
# reference this test needs.
MINIMUM = (3, 9, 5)


def attempt(parse, text):
    try:
        return parse(text)
    except ValueError:
        return None


def verdict(text):
    # ip_address would try IPv4 then IPv6; asking each once serves both questions below.
    ipv4 = attempt(ipaddress.IPv4Address, text)
    ipv6 = attempt(ipaddress.IPv6Address, text)
    address = ipv4 if ipv4 is not None else ipv6
    interface = attempt(ipaddress.ip_interface, text)
    # ip_network reads the text exactly as ip_interface does, so it can only accept what
    # ip_interface accepted; skipping it otherwise spares two failing parses per rejected text.
    network = strict = None
    if interface is not None:
        network = attempt(lambda t: ipaddress.ip_network(t, strict=False), text)
        strict = attempt(lambda t: ipaddress.ip_network(t, strict=True), text)
    head = text.split("/", 1)[0]
    head_ipv6 = ipv6 if head == text else attempt(ipaddress.IPv6Address, head)
    return {
        "address": None if address is None else str(address),
        "address_version": None if address is None else address.version,
        "interface": None if interface is None else str(interface),
        "interface_version": None if interface is None else interface.version,
        "network": None if network is None else str(network),
        "strict": strict is not None,
        # Whether the whole text, and what a CIDR field holds before its slash, read as IPv6
        # addresses: the test holds the core's "this is an IPv6 value" message against these.
        "is_ipv6": ipv6 is not None,
        "head_is_ipv6": head_ipv6 is not None,
    }


def main():
    if sys.version_info < MINIMUM:
        sys.exit(
            "classify.py needs Python %s or later (this is %s): older ipaddress accepts leading "
            "zeros, so it is not the strict reference the differential test compares against"
            % (".".join(map(str, MINIMUM)), sys.version.split()[0])
        )
    if len(sys.argv) != 2:
        sys.exit("usage: classify.py CANDIDATES.jsonl")
    # Split on b"\n" alone so that only the separator the test writes can end a record.
    with open(sys.argv[1], "rb") as candidates:
        texts = [json.loads(line) for line in candidates.read().split(b"\n") if line]
    out = [json.dumps({"python": sys.version.split()[0]})]
    out.extend(json.dumps(verdict(text)) for text in texts)
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
