use serde_json::{json, Value};

use super::*;
use crate::check;
use crate::testing::{plan_with, v2_cluster};
use crate::text::Lang;

fn map_at(width: f64, changes: &[(&str, Value)]) -> AddressMap {
    let plan = plan_with(changes);
    layout(&plan, &check(&plan), width, Lang::En)
}

fn map_of(changes: &[(&str, Value)]) -> AddressMap {
    map_at(DEFAULT_WIDTH, changes)
}

fn item<'m>(map: &'m AddressMap, subject: &str) -> &'m MapItem {
    map.items.iter().find(|i| i.subject.as_deref() == Some(subject)).expect("the range is drawn")
}

/// Eight subnets in two VNets and a second cluster: the crowded plan of the page's tests.
fn crowded() -> Vec<(&'static str, Value)> {
    let mut changes: Vec<(&'static str, Value)> =
        ["10.1.4.0/24", "10.1.5.0/26", "10.1.5.64/27", "10.1.6.0/24"]
            .into_iter()
            .enumerate()
            .map(|(i, prefix)| {
                ("/vnets/0/subnets/-", json!({"name": format!("app-{i}"), "addressPrefix": prefix}))
            })
            .collect();
    changes.push((
        "/vnets/-",
        json!({"name": "hub", "resourceGroup": "ml-rg", "addressPrefixes": ["10.3.0.0/16"], "peerings": ["ml-vnet"],
               "subnets": [{"name": "firewall", "addressPrefix": "10.3.0.0/26"},
                           {"name": "gateway", "addressPrefix": "10.3.1.0/27"},
                           {"name": "aks-2", "addressPrefix": "10.3.4.0/22"}]}),
    ));
    changes.push((
        "/aksClusters/-",
        json!({"name": "aks-two", "vnet": "hub", "subnet": "aks-2", "serviceCidr": "10.4.0.0/16",
               "dnsServiceIP": "10.4.0.10", "dockerBridgeCidr": "172.17.0.1/16", "nodeCount": 3,
               "networkContributorGranted": true}),
    ));
    changes
}

fn subnets(map: &AddressMap) -> Vec<&MapItem> {
    map.items.iter().filter(|i| i.kind == RangeKind::Subnet).collect()
}

fn labels(map: &AddressMap) -> Vec<&Label> {
    map.items.iter().map(|i| &i.tag).chain(map.free.iter().map(|f| &f.tag)).collect()
}

#[test]
fn every_parsed_range_is_drawn_inside_the_map() {
    let map = map_of(&[]);
    for subject in [
        "/vnets/0/addressPrefixes/0",
        "/vnets/0/subnets/0/addressPrefix",
        "/aksClusters/0/serviceCidr",
        "/aksClusters/0/dnsServiceIP",
        "/aksClusters/0/dockerBridgeCidr",
    ] {
        let drawn = item(&map, subject);
        assert!(drawn.x >= MARGIN && drawn.x + drawn.width <= map.width - MARGIN + 1e-9, "{subject}");
    }
    let titles: Vec<&str> = map.lanes.iter().map(|lane| lane.title.as_str()).collect();
    assert_eq!(titles, ["VNet ml-vnet", "VNets", "AKS ml-aks", "Reserved by AKS"]);
}

#[test]
fn a_small_subnet_of_a_large_vnet_is_wide_enough_to_hover_at_every_width() {
    let changes = [("/vnets/0/subnets/-", json!({"name": "default", "addressPrefix": "10.1.4.0/24"}))];
    for width in [390.0, 1400.0] {
        let map = map_at(width, &changes);
        let drawn = subnets(&map);
        assert_eq!(drawn.len(), 2);
        for subnet in &drawn {
            assert!(subnet.width >= MIN_BAR_WIDTH, "{} at {width}: {}", subnet.label, subnet.width);
        }
        // Side by side on one row: neither covers the other.
        assert_eq!(drawn[0].y, drawn[1].y);
        assert!(drawn[0].x + drawn[0].width <= drawn[1].x + 1e-9);
        assert!((map.width - width).abs() < 1e-9, "the map fits its width");
    }
}

#[test]
fn free_space_is_drawn_as_blocks_labelled_with_the_largest_cidrs() {
    let map = map_of(&[]);
    assert_eq!(map.free.len(), 1);
    let free = &map.free[0];
    assert_eq!((free.first, free.last), (Ipv4Addr::new(10, 1, 4, 0), Ipv4Addr::new(10, 1, 255, 255)));
    let blocks: Vec<String> = free.blocks.iter().map(ToString::to_string).collect();
    assert_eq!(
        blocks,
        ["10.1.128.0/17", "10.1.64.0/18", "10.1.32.0/19", "10.1.16.0/20", "10.1.8.0/21", "10.1.4.0/22"]
    );
    assert!(free.tag.text.starts_with("10.1.128.0/17"), "{}", free.tag.text);
    assert_eq!(free.sizes(), 17..=SMALLEST_SUBNET);
    assert_eq!(free.block_of(24).map(|net| net.to_string()).as_deref(), Some("10.1.4.0/24"));
    assert_eq!(free.block_of(17).map(|net| net.to_string()).as_deref(), Some("10.1.128.0/17"));
    // Compressed: the free /16 less a /22 is drawn narrower than a linear scale would draw it.
    let subnet = item(&map, "/vnets/0/subnets/0/addressPrefix");
    assert!(
        free.width < (map.width - 2.0 * MARGIN) * 0.98 && subnet.width > (map.width - 2.0 * MARGIN) / 64.0
    );
}

#[test]
fn overlapping_subnets_stack_on_sub_rows() {
    let map = map_of(&[("/vnets/0/subnets/-", json!({"name": "inner", "addressPrefix": "10.1.1.0/24"}))]);
    let (outer, inner) =
        (item(&map, "/vnets/0/subnets/0/addressPrefix"), item(&map, "/vnets/0/subnets/1/addressPrefix"));
    assert!(inner.y < outer.y, "the inner subnet is on a row of its own, above the first");
    assert!(inner.x >= outer.x && inner.x + inner.width <= outer.x + outer.width + 1e-9);
    assert!(inner.flagged && outer.flagged);
}

/// Every range of a lane and its label, measured from the lane's baseline.
fn from_baseline(map: &AddressMap, lane: usize) -> Vec<(String, f64, f64)> {
    let baseline = map.lanes[lane].baseline;
    map.items
        .iter()
        .filter(|item| item.lane == lane && item.kind == RangeKind::Subnet)
        .map(|item| (item.tag.text.clone(), item.y - baseline, item.tag.y - baseline))
        .collect()
}

#[test]
fn an_overlap_moves_only_what_is_above_the_lowest_row() {
    let quiet = map_of(&[]);
    let lane = quiet.items.iter().find(|item| item.kind == RangeKind::Subnet).map(|item| item.lane).unwrap();
    let stacked = map_of(&[("/vnets/0/subnets/-", json!({"name": "inner", "addressPrefix": "10.1.1.0/24"}))]);
    assert!(
        stacked.lanes[lane].baseline > quiet.lanes[lane].baseline,
        "the stacked row makes the lane taller"
    );
    let before = from_baseline(&quiet, lane);
    let after = from_baseline(&stacked, lane);
    for (tag, bar_y, label_y) in &before {
        let same = after.iter().find(|(other, _, _)| other == tag).unwrap();
        assert_eq!((same.1, same.2), (*bar_y, *label_y), "{tag} moved against the baseline");
    }
}

#[test]
fn cluster_ranges_share_an_overview_cut_where_ranges_are_far_apart() {
    let map = map_of(&[]);
    let service = item(&map, "/aksClusters/0/serviceCidr");
    let bridge = item(&map, "/aksClusters/0/dockerBridgeCidr");
    assert_eq!(service.lane, bridge.lane);
    assert!(bridge.x > service.x + service.width);
    // 10.1/16 next to 10.2/16 share a part; 172.17/16 and the reserved 172.30/16 sit apart.
    assert_eq!(map.lanes[service.lane].cuts.len(), 2);
}

#[test]
fn the_dns_ip_is_a_labelled_marker() {
    let map = map_of(&[]);
    let dns = item(&map, "/aksClusters/0/dnsServiceIP");
    assert_eq!(dns.tag.text, "DNS 10.2.0.10");
    assert!(!dns.tag.inside && dns.width < text_width(&dns.tag.text), "a marker, labelled beside it");
    assert!(dns.width >= MIN_BAR_WIDTH);
    let service = item(&map, "/aksClusters/0/serviceCidr");
    assert!(dns.x >= service.x && dns.x + dns.width <= service.x + service.width + 1e-9);
}

#[test]
fn labels_are_whole_inside_their_bar_or_on_rows_that_do_not_overlap() {
    for width in [390.0, 1400.0] {
        let map = map_at(width, &crowded());
        assert_eq!(subnets(&map).len(), 8);
        for subnet in subnets(&map) {
            assert!(subnet.width >= MIN_BAR_WIDTH, "{} at {width}", subnet.label);
        }
        let all = labels(&map);
        for label in &all {
            assert!(label.x >= 0.0 && label.x + label.width <= map.width + 1e-9, "{} at {width}", label.text);
            assert!(!label.text.contains('…'));
        }
        for item in &map.items {
            if item.tag.inside {
                assert!(item.tag.x >= item.x && item.tag.x + item.tag.width <= item.x + item.width + 1e-9);
            } else {
                assert!(item.tag.y > item.y + item.height, "{} sits under the bars", item.tag.text);
            }
        }
        let outside: Vec<&&Label> = all.iter().filter(|label| !label.inside).collect();
        for (i, a) in outside.iter().enumerate() {
            for b in &outside[i + 1..] {
                let same_row = (a.y - b.y).abs() < 1e-9;
                assert!(!same_row || a.x + a.width <= b.x || b.x + b.width <= a.x, "{} / {}", a.text, b.text);
            }
        }
    }
}

#[test]
fn labels_go_inside_their_bars_when_the_map_is_wide() {
    let map = map_at(1400.0, &[]);
    assert!(item(&map, "/vnets/0/subnets/0/addressPrefix").tag.inside);
    let narrow = map_at(390.0, &crowded());
    assert!(narrow.items.iter().any(|i| !i.tag.inside));
}

#[test]
fn lanes_do_not_overlap() {
    let map = map_at(390.0, &crowded());
    for pair in map.lanes.windows(2) {
        assert!((pair[0].y + pair[0].height - pair[1].y).abs() < 1e-9);
    }
    for item in &map.items {
        let lane = &map.lanes[item.lane];
        assert!(item.y >= lane.y && item.tag.y <= lane.y + lane.height, "{}", item.tag.text);
    }
    assert!((map.height - map.lanes.last().map_or(0.0, |l| l.y + l.height)).abs() < 1e-9);
}

#[test]
fn conflicting_ranges_are_flagged_and_name_each_other() {
    let map = map_of(&[
        ("/aksClusters/0/serviceCidr", json!("10.1.0.0/16")),
        ("/aksClusters/0/dnsServiceIP", json!("10.1.0.10")),
    ]);
    let service = item(&map, "/aksClusters/0/serviceCidr");
    let subnet = item(&map, "/vnets/0/subnets/0/addressPrefix");
    assert!(service.flagged && subnet.flagged);
    let index = |subject: &str| map.items.iter().position(|i| i.subject.as_deref() == Some(subject));
    assert!(service.partners.contains(&index("/vnets/0/subnets/0/addressPrefix").expect("drawn")));
    assert!(subnet.partners.contains(&index("/aksClusters/0/serviceCidr").expect("drawn")));
    assert!(!item(&map, "/aksClusters/0/dockerBridgeCidr").flagged);
}

#[test]
fn a_finding_over_many_ranges_links_them_through_its_first_subject() {
    // A service range over forty subnets: one finding with forty-one subjects.
    let mut changes: Vec<(&'static str, Value)> = (0..40)
        .map(|i| {
            (
                "/vnets/0/subnets/-",
                json!({"name": format!("s{i}"), "addressPrefix": format!("10.1.{}.0/28", 10 + i)}),
            )
        })
        .collect();
    changes.push(("/aksClusters/0/serviceCidr", json!("10.1.0.0/16")));
    changes.push(("/aksClusters/0/dnsServiceIP", json!("10.1.0.10")));
    let map = map_of(&changes);
    let index = |subject: &str| map.items.iter().position(|i| i.subject.as_deref() == Some(subject));
    let service = index("/aksClusters/0/serviceCidr").expect("drawn");
    let subnet = item(&map, "/vnets/0/subnets/3/addressPrefix");
    assert_eq!(subnet.partners, [service], "a covered subnet points at the service range only");
    let covered = map.items.get(service).map_or(0, |item| item.partners.len());
    assert!(covered >= 41, "the service range points at every subnet it covers ({covered})");
}

#[test]
fn peered_vnets_are_joined_and_named_in_their_titles() {
    let map = map_of(&crowded());
    assert_eq!(map.peerings, [(0, 1)]);
    assert_eq!(map.lanes[0].title, "VNet ml-vnet (peered with hub)");
    assert_eq!(map.lanes[1].title, "VNet hub (peered with ml-vnet)");
    assert!(map_of(&[]).peerings.is_empty());
}

#[test]
fn a_peering_named_from_both_sides_is_joined_once_and_a_vnet_naming_itself_is_not_peered() {
    let mut changes = crowded();
    // Azure compares names without regard to case: "ML-VNet" is the first VNet.
    changes.push(("/vnets/0/peerings", json!(["hub", "ML-VNet", "nowhere"])));
    let map = map_of(&changes);
    assert_eq!(map.peerings, [(0, 1)]);
    assert_eq!(map.lanes[0].title, "VNet ml-vnet (peered with hub)");
    assert_eq!(map.lanes[1].title, "VNet hub (peered with ml-vnet)");
}

#[test]
fn the_map_writes_its_own_words_in_the_language_it_is_shown_in() {
    let mut changes = crowded();
    changes.push((
        "/externalRanges/-",
        json!({"name": "on-prem", "addressPrefix": "192.168.0.0/16", "kind": "onPremises"}),
    ));
    let plan = plan_with(&changes);
    let french = layout(&plan, &check(&plan), DEFAULT_WIDTH, Lang::Fr);
    let titles: Vec<&str> = french.lanes.iter().map(|lane| lane.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "VNet ml-vnet (appairé avec hub)",
            "VNet hub (appairé avec ml-vnet)",
            "VNets",
            "Plages externes",
            "AKS ml-aks",
            "AKS aks-two",
            "Plages réservées par AKS"
        ]
    );
    let bridge = item(&french, "/aksClusters/0/dockerBridgeCidr");
    assert_eq!(bridge.label, "plage du pont Docker");
    assert_eq!(bridge.tag.text, "pont Docker 172.17.0.0/16");
    let dns = item(&french, "/aksClusters/0/dnsServiceIP");
    assert_eq!(dns.label, "IP du service DNS");
    let reserved =
        french.items.iter().find(|item| item.kind == RangeKind::Reserved).expect("a reserved range");
    assert_eq!(reserved.label, "réservée par AKS");
    assert_eq!(reserved.tag.text, format!("réservée {}", reserved.block));
    let english = layout(&plan, &check(&plan), DEFAULT_WIDTH, Lang::En);
    assert_eq!(item(&english, "/aksClusters/0/dockerBridgeCidr").tag.text, "docker bridge 172.17.0.0/16");
}

#[test]
fn a_v2_internal_router_frontend_is_drawn_in_its_node_subnet() {
    let mut changes = v2_cluster();
    changes.push(("/aksClusters/0/azureMl/internalLoadBalancerProvider", json!("azure")));
    let map = map_of(&changes);
    let router = item(&map, "/aksClusters/0/azureMl/internalLoadBalancerProvider");
    let subnet = item(&map, "/vnets/0/subnets/0/addressPrefix");
    assert_eq!(
        (router.kind, router.lane, router.x, router.width),
        (RangeKind::RouterFrontend, subnet.lane, subnet.x, subnet.width)
    );
    assert!(router.y > subnet.y);
    // Its addresses are the subnet's, Azure's five kept back included.
    assert_eq!(router.usable, subnet.usable);
    assert!(map_of(&v2_cluster()).items.iter().all(|i| i.kind != RangeKind::RouterFrontend), "public router");
}

#[test]
fn subnets_report_azure_usable_addresses() {
    let map = map_of(&[]);
    let subnet = item(&map, "/vnets/0/subnets/0/addressPrefix");
    assert_eq!((subnet.size, subnet.usable), (1024, 1019));
    assert_eq!(subnet.first, Ipv4Addr::new(10, 1, 0, 0));
    assert_eq!(subnet.last, Ipv4Addr::new(10, 1, 3, 255));
}

#[test]
fn unparsable_values_are_left_out_not_misdrawn() {
    let map = map_of(&[
        ("/aksClusters/0/serviceCidr", json!("10.2.0.0")),
        ("/vnets/0/addressPrefixes/0", json!("x")),
    ]);
    assert!(map.items.iter().all(|i| i.subject.as_deref() != Some("/aksClusters/0/serviceCidr")));
    assert!(map.free.is_empty(), "no address space, so no free space");
    assert!(map.width.is_finite() && map.height > 0.0);
    assert!(layout(&plan_with(&[]), &check(&plan_with(&[])), f64::NAN, Lang::En).width.is_finite());
}

#[test]
fn cidr_tiling_covers_a_gap_exactly() {
    let range =
        Range { first: u32::from(Ipv4Addr::new(10, 0, 0, 8)), last: u32::from(Ipv4Addr::new(10, 0, 1, 255)) };
    let blocks: Vec<String> = cidrs_in(range).iter().map(ToString::to_string).collect();
    assert_eq!(
        blocks,
        ["10.0.1.0/24", "10.0.0.128/25", "10.0.0.64/26", "10.0.0.32/27", "10.0.0.16/28", "10.0.0.8/29"]
    );
    assert_eq!(cidrs_in(Range { first: 0, last: u32::MAX }).len(), 1);
}

#[test]
fn a_name_too_long_for_a_narrow_map_is_shortened_and_its_addresses_stay_whole() {
    // Azure's longest VNet name, 64 characters, on a phone's 336-unit map.
    let long = "a-very-long-virtual-network-name-that-reaches-the-azure-limit-64";
    let rename = [
        ("/vnets/0/name", json!(long)),
        ("/aksClusters/0/vnet", json!(long)),
        ("/vnets/0/subnets/0/name", json!(format!("{long}-subnet"))),
    ];
    let map = map_at(336.0, &rename);
    let room = 336.0 - 2.0 * MARGIN;
    for subject in ["/vnets/0/addressPrefixes/0", "/vnets/0/subnets/0/addressPrefix"] {
        let drawn = item(&map, subject);
        assert!(drawn.tag.text.ends_with(&format!(" {}", drawn.block)), "{}", drawn.tag.text);
        assert!(drawn.tag.text.contains('…'), "{}", drawn.tag.text);
        assert!(text_width(&drawn.tag.text) <= room, "{}", drawn.tag.text);
        assert!(drawn.tag.x + text_width(&drawn.tag.text) <= 336.0 - MARGIN + 1e-9, "{}", drawn.tag.text);
    }
    let lane = map.lanes.first().expect("the VNet's lane");
    assert_eq!(lane.whole_title.as_deref(), Some(format!("VNet {long}").as_str()));
    assert!(lane.title.ends_with('…') && text_width(&lane.title) <= room, "{}", lane.title);
    // The same names fit a desktop's map whole.
    let wide = map_at(DEFAULT_WIDTH * 2.0, &rename);
    let vnet = item(&wide, "/vnets/0/addressPrefixes/0");
    assert_eq!(vnet.tag.text, format!("{long} {}", vnet.block));
    assert_eq!(wide.lanes.first().and_then(|lane| lane.whole_title.clone()), None);
}

#[test]
fn ipv6_prefixes_are_counted_for_the_view_to_say_they_are_not_drawn() {
    assert_eq!(map_of(&[]).ipv6_prefixes, 0);
    let map = map_of(&[
        ("/vnets/0/addressPrefixes/-", json!("fd00:10::/48")),
        ("/vnets/0/subnets/-", json!({"name": "v6", "addressPrefix": "fd00:10::/64"})),
        ("/externalRanges", json!([{"name": "peer", "addressPrefix": "fd00:20::/48", "kind": "vpn"}])),
    ]);
    assert_eq!(map.ipv6_prefixes, 3);
    assert!(map.items.iter().all(|item| !item.block.contains(':')), "no IPv6 range is drawn");
}

/// What a reader of `lane` meets, in the map's order: each range's name and block, and each
/// free block's first address.
fn read(map: &AddressMap, lane: usize) -> Vec<String> {
    map.order
        .iter()
        .filter_map(|stop| match *stop {
            Stop::Range(index) => {
                let item = &map.items[index];
                (item.lane == lane).then(|| format!("{} {}", item.label, item.block))
            }
            Stop::Free(index) => {
                let free = &map.free[index];
                (free.lane == lane).then(|| format!("free from {}", free.first))
            }
        })
        .collect()
}

#[test]
fn the_map_is_read_lane_by_lane_and_in_each_lane_by_address() {
    // Subnets listed out of address order, with free space on each side of each.
    let map = map_of(&[
        ("/vnets/0/subnets/-", json!({"name": "late", "addressPrefix": "10.1.200.0/24"})),
        ("/vnets/0/subnets/-", json!({"name": "early", "addressPrefix": "10.1.8.0/24"})),
    ]);
    assert_eq!(
        read(&map, 0),
        [
            "ml-vnet 10.1.0.0/16",
            "aks 10.1.0.0/22",
            "free from 10.1.4.0",
            "early 10.1.8.0/24",
            "free from 10.1.9.0",
            "late 10.1.200.0/24",
            "free from 10.1.201.0",
        ]
    );
    // The overview's lane of a cluster, left to right on its axis, not in the order drafted.
    let cluster = map.lanes.iter().position(|lane| lane.title == "AKS ml-aks").expect("the cluster's lane");
    let blocks: Vec<String> = read(&map, cluster)
        .into_iter()
        .filter_map(|text| text.rsplit(' ').next().map(str::to_owned))
        .collect();
    assert_eq!(blocks, ["10.2.0.0/16", "10.2.0.10", "172.17.0.0/16"]);
    // Each range and free block once, lane after lane.
    let mut seen: Vec<Stop> = map.order.clone();
    seen.sort_by_key(|stop| match *stop {
        Stop::Range(index) => (0, index),
        Stop::Free(index) => (1, index),
    });
    let every: Vec<Stop> =
        (0..map.items.len()).map(Stop::Range).chain((0..map.free.len()).map(Stop::Free)).collect();
    assert_eq!(seen, every);
    let lanes: Vec<usize> = map
        .order
        .iter()
        .map(|stop| match *stop {
            Stop::Range(index) => map.items[index].lane,
            Stop::Free(index) => map.free[index].lane,
        })
        .collect();
    assert!(lanes.windows(2).all(|pair| pair[0] <= pair[1]), "{lanes:?}");
}

#[test]
fn a_vnets_prefix_in_the_overview_is_a_repeat_of_the_one_in_its_lane() {
    let map = map_of(&crowded());
    for (vnet, subject) in [(0, "/vnets/0/addressPrefixes/0"), (1, "/vnets/1/addressPrefixes/0")] {
        let drawn: Vec<(Option<usize>, bool)> = map
            .items
            .iter()
            .filter(|item| item.subject.as_deref() == Some(subject))
            .map(|item| (map.lanes[item.lane].vnet, item.repeat))
            .collect();
        assert_eq!(drawn, [(Some(vnet), false), (None, true)], "{subject}");
    }
    assert_eq!(map.items.iter().filter(|item| item.repeat).count(), 2, "nothing else is a repeat");
}
