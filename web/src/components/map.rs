//! The address map: draws the geometry `vnetplan_core::layout` computes for the width the map
//! has on screen, so one user unit is one CSS pixel. Each range is a focusable element carrying
//! `data-subject`, its JSON pointer; ranges in findings are hatched and outlined so conflicts do
//! not depend on colour alone, and focusing one lights up and joins the ranges it conflicts with.
//! Free blocks of a VNet offer to add a subnet there.

use std::net::Ipv4Addr;
use std::rc::Rc;

use vnetplan_core::layout::{
    layout, AddressMap, FreeBlock, Label, Lane, MapItem, RangeKind, Stop, DEFAULT_WIDTH, MARGIN,
};
use vnetplan_core::{Plan, Report};
use web_sys::{HtmlSelectElement, KeyboardEvent};
use yew::prelude::*;

use crate::components::decimal;
use crate::dom;
use crate::i18n::{number, Lang, T};
use crate::state::{Action, NewItem};

#[derive(Properties, PartialEq)]
pub struct MapProps {
    pub plan: Rc<Plan>,
    pub report: Rc<Report>,
    pub selected: Option<String>,
    /// Counts the picks, so that the range picked last, picked again, is what the map shows again.
    #[prop_or_default]
    pub picks: u32,
    pub lang: Lang,
    pub dispatch: Callback<Action>,
    /// Changes when the map's tab is shown or hidden on a narrow screen: a hidden map has no
    /// width to measure, so it measures again when it is shown.
    #[prop_or_default]
    pub shown: bool,
    /// In an embedded view there are no fields to edit, and no free block adds anything.
    #[prop_or_default]
    pub embedded: bool,
}

fn describe(item: &MapItem, lang: Lang) -> String {
    let flagged = if item.flagged { format!(", {}", T::InConflict.get(lang)) } else { String::new() };
    let colon = lang.colon();
    format!(
        "{} {}{colon}{}, {} {}, {} {}, {} {}{flagged}",
        item.label,
        item.block,
        kind_name(item.kind, lang),
        T::FirstAddress.get(lang),
        item.first,
        T::LastAddress.get(lang),
        item.last,
        T::Usable.get(lang),
        number(item.usable, lang)
    )
}

fn describe_free(free: &FreeBlock, lang: Lang) -> String {
    let (colon, semicolon) = (lang.colon(), lang.semicolon());
    format!(
        "{}{colon}{} – {}, {}{semicolon}{}{colon}{}. {}",
        T::FreeSpace.get(lang),
        free.first,
        free.last,
        addresses(free.size, lang),
        T::LargestBlocks.get(lang),
        blocks_text(free),
        T::AddSubnetHere.get(lang)
    )
}

fn blocks_text(free: &FreeBlock) -> String {
    free.blocks.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
}

fn kind_name(kind: RangeKind, lang: Lang) -> &'static str {
    match kind {
        RangeKind::VnetPrefix => T::Vnet.get(lang),
        RangeKind::Subnet => T::Subnet.get(lang),
        RangeKind::ExternalRange => T::ExternalRanges.get(lang),
        RangeKind::ServiceCidr => T::ServiceCidr.get(lang),
        RangeKind::PodCidr => T::PodCidr.get(lang),
        RangeKind::DockerBridge => T::DockerBridge.get(lang),
        RangeKind::DnsIp => T::DnsServiceIp.get(lang),
        RangeKind::Reserved => T::ReservedByAks.get(lang),
        RangeKind::RouterFrontend => T::RouterFrontend.get(lang),
    }
}

/// How far a label's text rises above its baseline: where its leader ends and its plate starts.
const LABEL_ASCENT: f64 = 9.0;

/// How far a free block's box stands back from the bars on each side: half the widest outline a
/// bar draws (focus, selection), which spills that far out of its box. A free block follows a
/// bar in the map's order and so is painted over it, and it would hide that half otherwise.
const FREE_BLOCK_INSET: f64 = 1.5;

/// A label drawn under the bars: its lane, its key (its range's), the label, and its bar's box.
struct Under<'m> {
    lane: usize,
    key: String,
    tag: &'m Label,
    bar: (f64, f64, f64, f64),
}

/// The line that joins a label written under the bars to its bar.
/// Keyed as its range is: when a label below the bars comes or goes, the leaders of the others
/// keep their elements instead of each taking its neighbour's, which rewrote every leader's
/// coordinates on an edit near the start of a long lane.
fn leader_view(key: String, tag: &Label, (x, y, width, height): (f64, f64, f64, f64), base: f64) -> Html {
    let from = x + width / 2.0;
    // Not `f64::clamp`: its check of the bounds would format them, which alone brings float
    // formatting (13 KB) into the page's wasm.
    let to = from.max(tag.x).min(tag.x + tag.width);
    html! { <line {key} class="leader" x1={decimal(from)} y1={decimal(y + height - base)} x2={decimal(to)} y2={decimal(tag.y - LABEL_ASCENT - base)} /> }
}

/// The plate a label under the bars stands on, in the card's colour: drawn after every leader
/// and cut, it keeps them from crossing the label, where a halo around the glyphs alone let
/// them show between the letters. A layer of its own, outside the range's group, so that the
/// range's box (which focus scrolls into view) stays its bar and its label.
fn plate_view(key: String, tag: &Label, base: f64) -> Html {
    let y = tag.y - base - LABEL_ASCENT;
    html! { <rect {key} class="label-plate" x={decimal(tag.x - 1.0)} y={decimal(y)} width={decimal(tag.width + 2.0)} height="12" /> }
}

fn item_key(item: &MapItem) -> String {
    format!("{}:{}:{}", item.lane, item.kind.as_str(), item.subject.as_deref().unwrap_or(&item.block))
}

/// A range named as it stays from one layout to the next: an edit, an undo or a fix shifts the
/// ranges' positions in the map, and the map's state must go on naming the same range.
#[derive(Debug, Clone, PartialEq, Eq)]
struct RangeKey {
    lane: usize,
    kind: RangeKind,
    name: String,
}

impl RangeKey {
    fn of(item: &MapItem) -> Self {
        Self {
            lane: item.lane,
            kind: item.kind,
            name: item.subject.clone().unwrap_or_else(|| item.block.clone()),
        }
    }

    fn names(&self, item: &MapItem) -> bool {
        item.lane == self.lane
            && item.kind == self.kind
            && item.subject.as_deref().unwrap_or(&item.block) == self.name
    }
}

/// A free block, named as [`RangeKey`] names a range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FreeKey {
    lane: usize,
    first: Ipv4Addr,
}

impl FreeKey {
    fn of(free: &FreeBlock) -> Self {
        Self { lane: free.lane, first: free.first }
    }

    fn names(self, free: &FreeBlock) -> bool {
        free.lane == self.lane && free.first == self.first
    }
}

/// What the keyboard was last on in the map: a range or a free block, never both.
#[derive(Debug, Clone, PartialEq, Eq)]
enum KeyboardOn {
    Range(RangeKey),
    Free(FreeKey),
}

/// The free block drawn at `index` of the map's free blocks, as a selector to focus it by.
fn free_block_selector(index: usize) -> String {
    format!("svg.address-map g.free[data-free=\"{index}\"]")
}

/// The id of the chosen free block's form, which its block controls.
const FREE_DETAIL: &str = "free-detail";

fn free_key(free: &FreeBlock) -> String {
    format!("free:{}:{}", free.lane, free.first)
}

/// The lane's ranges drawn from its baseline (see `Lane::baseline`), one group per lane: when an
/// overlap stacks a row in a long lane, that group moves, and the labels and leaders in it keep
/// their coordinates instead of each being rewritten.
fn per_lane(lanes: &[Lane], parts: impl Iterator<Item = (usize, Html)>) -> Html {
    let mut grouped: Vec<Vec<Html>> = lanes.iter().map(|_| Vec::new()).collect();
    for (lane, part) in parts {
        if let Some(group) = grouped.get_mut(lane) {
            group.push(part);
        }
    }
    html! {
        { for lanes.iter().zip(grouped).enumerate().filter(|(_, (_, parts))| !parts.is_empty()).map(|(index, (lane, parts))| html! {
            <g key={index} transform={format!("translate(0 {})", decimal(lane.baseline))}>{ for parts }</g>
        }) }
    }
}

fn baseline(lanes: &[Lane], lane: usize) -> f64 {
    lanes.get(lane).map_or(0.0, |lane| lane.baseline)
}

fn label_view(tag: &Label, class: &'static str, base: f64) -> Html {
    html! {
        <text class={classes!(class, if tag.inside { "inside" } else { "outside" })} x={decimal(tag.x)} y={decimal(tag.y - base)}>
            { &tag.text }
        </text>
    }
}

/// A map of more ranges than this draws only those near the part in view, across and down, plus
/// every range in conflict and the ones keyboard focus can move to next. The browser lays the
/// whole drawing out again when one bar changes: with 200 ranges all drawn, that alone took most
/// of a keystroke's time in `bench/page.mjs`, and ten thousand bars take seconds, whether they
/// lie along one lane or in hundreds of VNets one under the other.
const DRAW_ALL_UP_TO: usize = 100;
/// Ranges in conflict, and the ranges the focused one conflicts with, are drawn wherever they
/// lie while there are at most this many. The SDK's default service range in a VNet of the same
/// range flags every subnet: with 4,000 of them all drawn, a 10,000-subnet plan took 2.2 s to
/// draw its map and 300 ms per keystroke, so past this many they are drawn where they are in view.
const DRAW_EVERY_CONFLICT_UP_TO: usize = 100;
/// The map draws again each time the view crosses a multiple of this many pixels, across or
/// down, and draws more than one such step beyond each side of the view, so a scroll never
/// shows a gap.
const SCROLL_STEP: u32 = 600;

/// The fewest Tab stops a map has before it offers the buttons that skip it: below that, the two
/// buttons would be most of what they spare.
const SKIP_BUTTONS_FROM: usize = 10;

/// Where the map's view is, in whole [`SCROLL_STEP`]s: how far the map is scrolled across and
/// down, and how tall its box is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct View {
    across: u32,
    down: u32,
    tall: u32,
}

impl Default for View {
    /// Before the first measure: the top left of the map, in a box of ordinary height.
    fn default() -> Self {
        Self { across: 0, down: 0, tall: 2 }
    }
}

impl View {
    /// The view of the map whose scrolling box is `scroller`.
    fn of(scroller: &web_sys::Element) -> Self {
        let steps = |pixels: i32| u32::try_from(pixels).unwrap_or(0) / SCROLL_STEP;
        Self {
            across: steps(scroller.scroll_left()),
            down: steps(scroller.scroll_top()),
            tall: steps(scroller.client_height()) + 1,
        }
    }
}

/// The part of the drawing a windowed map draws, in user units (CSS pixels).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Span {
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
}

impl Span {
    /// What is drawn for `view` when the map is `width` wide on screen.
    fn around(view: View, width: f64) -> Self {
        let step = f64::from(SCROLL_STEP);
        let (left, top) = (f64::from(view.across) * step, f64::from(view.down) * step);
        Self {
            left: left - step,
            right: left + width + 2.0 * step,
            top: top - step,
            bottom: top + f64::from(view.tall) * step + 2.0 * step,
        }
    }

    fn holds(self, x: f64, width: f64) -> bool {
        x + width >= self.left && x <= self.right
    }

    fn holds_rows(self, y: f64, height: f64) -> bool {
        y + height >= self.top && y <= self.bottom
    }

    fn shows(self, (x, y, width, height): (f64, f64, f64, f64)) -> bool {
        self.holds(x, width) && self.holds_rows(y, height)
    }
}

/// Scrolls the map's box so that a range or free block (`[x, width, y, height]`, as bits, so that
/// an effect can compare them) is in view, unless it already is.
fn bring_into_view(scroller: &NodeRef, extent: Option<[u64; 4]>) {
    let (Some(extent), Some(element)) = (extent, scroller.cast::<web_sys::Element>()) else { return };
    let [x, width, y, height] = extent.map(f64::from_bits);
    let (left, wide) = (f64::from(element.scroll_left()), f64::from(element.client_width()));
    if x < left || x + width > left + wide {
        element.set_scroll_left(pixels(x + width / 2.0 - wide / 2.0));
    }
    let (top, tall) = (f64::from(element.scroll_top()), f64::from(element.client_height()));
    if y < top || y + height > top + tall {
        element.set_scroll_top(pixels(y + height / 2.0 - tall / 2.0));
    }
}

/// A scroll offset in whole pixels; none is negative.
#[expect(
    clippy::cast_possible_truncation,
    reason = "a map is far smaller than 2^31 pixels; the cast saturates"
)]
fn pixels(offset: f64) -> i32 {
    offset.max(0.0) as i32
}

/// One flag per range, set for the ranges at `indices`: asking whether a range is among
/// thousands must not search them once per range.
fn marks(count: usize, indices: impl Iterator<Item = usize>) -> Vec<bool> {
    let mut marked = vec![false; count];
    for index in indices {
        if let Some(slot) = marked.get_mut(index) {
            *slot = true;
        }
    }
    marked
}

/// The tab stops on each side of `anchor` in the map's `order`: Tab moves from a focused stop
/// to the next one drawn, so those must be drawn for Tab to reach them.
fn tab_neighbours(order: &[Stop], anchor: Stop, is_tab_stop: impl Fn(Stop) -> bool) -> [Option<Stop>; 2] {
    let Some(at) = order.iter().position(|stop| *stop == anchor) else { return [None, None] };
    let before = order.iter().take(at).rev().copied().find(|stop| is_tab_stop(*stop));
    let after = order.iter().skip(at + 1).copied().find(|stop| is_tab_stop(*stop));
    [before, after]
}

fn centre(item: &MapItem) -> (f64, f64) {
    (item.x + item.width / 2.0, item.y + item.height / 2.0)
}

#[component]
pub fn AddressMapView(props: &MapProps) -> Html {
    // The pointer and the keyboard each have their own: a bar the pointer passes over shows its
    // details without moving what the keyboard is on, which a windowed map must keep drawn.
    let hovered = use_state_eq(|| None::<RangeKey>);
    let keyboard = use_state_eq(|| None::<KeyboardOn>);
    // The free block whose form is open: a block opens when it is activated, as a disclosure
    // does, not when Tab passes over it.
    let chosen_free = use_state_eq(|| None::<FreeKey>);
    {
        // A range chosen elsewhere (a finding, the editor) is what the details show next.
        let (keyboard, chosen_free) = (keyboard.clone(), chosen_free.clone());
        use_effect_with((props.selected.clone(), props.picks), move |_| {
            keyboard.set(None);
            chosen_free.set(None);
        });
    }
    // Opened from the keyboard, a block's form takes the focus once it is drawn.
    let into_form = use_mut_ref(|| false);
    {
        let into_form = into_form.clone();
        use_effect_with(*chosen_free, move |chosen| {
            if chosen.is_some() && into_form.replace(false) {
                dom::focus_element("free-size");
            }
        });
    }
    // The map is laid out once its width is known: a layout at a guessed width, then another at
    // the measured one, would lay a large plan out twice on every opening.
    let width = use_state_eq(|| None::<f64>);
    let view = use_state_eq(View::default);
    let scroller = use_node_ref();
    {
        let (width, scroller) = (width.clone(), scroller.clone());
        use_effect_with(props.shown, move |_| {
            let measured = move || {
                let element = scroller.cast::<web_sys::Element>()?;
                Some(f64::from(element.client_width()).floor()).filter(|measured| *measured > 0.0)
            };
            let measure_now = {
                let (width, measured) = (width.clone(), measured.clone());
                move || match measured() {
                    Some(measured) => width.set(Some(measured)),
                    // A hidden map has no width; it measures again when it is shown.
                    None if width.is_none() => width.set(Some(DEFAULT_WIDTH)),
                    None => {}
                }
            };
            if width.is_none() {
                // On opening, the findings and the editor are painted first: they should not
                // wait for the layout of a large plan's map.
                dom::after_next_paint(measure_now);
            } else {
                measure_now();
            }
            let listener = dom::on_window("resize", move || {
                if let Some(measured) = measured() {
                    width.set(Some(measured));
                }
            });
            move || drop(listener)
        });
    }
    let laid_out: Rc<Option<AddressMap>> = use_memo(
        (props.plan.clone(), props.report.clone(), width.map(f64::to_bits), props.lang),
        |(plan, report, width, lang)| width.map(|width| layout(plan, report, f64::from_bits(width), *lang)),
    );
    {
        // Measured again once the map is drawn, its box being only as tall as the drawing, and
        // when the window's size changes, which the box's height follows.
        let (view, scroller) = (view.clone(), scroller.clone());
        use_effect_with((laid_out.is_some(), width.map(f64::to_bits)), move |_| {
            if let Some(element) = scroller.cast::<web_sys::Element>() {
                view.set(View::of(&element));
            }
        });
    }
    let not_yet = AddressMap::default();
    let map = laid_out.as_ref().as_ref().unwrap_or(&not_yet);
    // The first range drawn for the field chosen elsewhere (a VNet's prefix is drawn in its lane
    // and in the overview).
    let selected_index = props
        .selected
        .as_ref()
        .and_then(|subject| map.items.iter().position(|item| item.subject.as_ref() == Some(subject)));
    {
        // A range chosen outside the map, from a finding or a migration note, is brought into
        // the map's view: in a long lane it may be far to the side, and a windowed map draws it
        // but not its surroundings until the view is there.
        let scroller = scroller.clone();
        let extent = selected_index
            .and_then(|index| map.items.get(index))
            .map(|item| [item.x, item.width, item.y, item.height].map(f64::to_bits));
        use_effect_with((props.selected.clone(), extent), move |(_, extent)| {
            bring_into_view(&scroller, *extent)
        });
    }
    let lang = props.lang;
    let range_at =
        |key: Option<&RangeKey>| key.and_then(|key| map.items.iter().position(|item| key.names(item)));
    let free_at = |key: Option<FreeKey>| key.and_then(|key| map.free.iter().position(|free| key.names(free)));
    let (focused, focused_free) = match &*keyboard {
        Some(KeyboardOn::Range(key)) => (Some(key), None),
        Some(KeyboardOn::Free(key)) => (None, Some(*key)),
        None => (None, None),
    };
    let (hovered_index, focused_index) = (range_at(hovered.as_ref()), range_at(focused));
    let (focused_free_index, chosen_index) = (free_at(focused_free), free_at(*chosen_free));
    let free_shown = chosen_index.and_then(|index| map.free.get(index));
    // An open form is what the details show; the keyboard on a free block leaves the bar chosen
    // elsewhere inactive, and the pointer shows the bar it is over.
    let active = if free_shown.is_some() {
        None
    } else {
        hovered_index.or(focused_index).or(selected_index.filter(|_| focused_free_index.is_none()))
    };
    let partners: &[usize] = active.and_then(|index| map.items.get(index)).map_or(&[], |item| &item.partners);
    let view_width = (*width).unwrap_or(DEFAULT_WIDTH);
    let span = (map.items.len() + map.free.len() > DRAW_ALL_UP_TO).then(|| Span::around(*view, view_width));
    let is_selected = |item: &MapItem| item.subject.is_some() && item.subject == props.selected;
    let conflicts = map.items.iter().filter(|item| item.flagged).count();
    let every_conflict = conflicts <= DRAW_EVERY_CONFLICT_UP_TO;
    let every_partner = partners.len() <= DRAW_EVERY_CONFLICT_UP_TO;
    let is_partner = marks(map.items.len(), partners.iter().copied());
    let partner = |index: usize| is_partner.get(index).copied().unwrap_or(false);
    let embedded = props.embedded;
    let is_tab_stop = |stop: Stop| match stop {
        Stop::Range(index) => map.items.get(index).is_some_and(|item| item.subject.is_some() && !item.repeat),
        Stop::Free(_) => !embedded,
    };
    // What keyboard focus is on, and the stops Tab and Shift+Tab move to from there.
    let anchor = focused_free_index
        .map(Stop::Free)
        .or(focused_index.map(Stop::Range))
        .or(chosen_index.map(Stop::Free))
        .or(selected_index.map(Stop::Range));
    let kept = anchor.map_or([None; 3], |anchor| {
        let [before, after] = tab_neighbours(&map.order, anchor, is_tab_stop);
        [before, Some(anchor), after]
    });
    // Chosen once: the bars and their labels' leaders are drawn for the same ranges.
    let drawn_items: Vec<(usize, &MapItem)> = map
        .items
        .iter()
        .enumerate()
        .filter(|(index, item)| {
            span.is_none_or(|span| {
                span.shows((item.x, item.y, item.width, item.height))
                    || (item.flagged && every_conflict)
                    || kept.contains(&Some(Stop::Range(*index)))
                    || is_selected(item)
                    || (every_partner && partner(*index))
            })
        })
        .collect();
    let drawn_free: Vec<(usize, &FreeBlock)> = map
        .free
        .iter()
        .enumerate()
        .filter(|(index, free)| {
            !embedded
                && span.is_none_or(|span| {
                    span.shows((free.x, free.y, free.width, free.height))
                        || kept.contains(&Some(Stop::Free(*index)))
                })
        })
        .collect();

    {
        // The browser scrolls a focused element into view, but not an SVG group just past the
        // box's edge: the keyboard's range or free block is brought into view here.
        let scroller = scroller.clone();
        let extent = focused_index
            .and_then(|index| map.items.get(index))
            .map(|item| [item.x, item.width, item.y, item.height])
            .or_else(|| {
                focused_free_index
                    .and_then(|index| map.free.get(index))
                    .map(|free| [free.x, free.width, free.y, free.height])
            })
            .map(|extent| extent.map(f64::to_bits));
        use_effect_with(extent, move |extent| bring_into_view(&scroller, *extent));
    }
    // Focus on a bar closes a free block's form and takes over from the pointer's preview, the
    // last moved winning. Leaving the map forgets neither: the details would vanish under a
    // pointer on its way to a finding, and move the finding away before the click lands.
    let focus = {
        let (keyboard, hovered, chosen_free) = (keyboard.clone(), hovered.clone(), chosen_free.clone());
        use_callback((), move |key: RangeKey, ()| {
            chosen_free.set(None);
            hovered.set(None);
            keyboard.set(Some(KeyboardOn::Range(key)));
        })
    };
    let hover = {
        let hovered = hovered.clone();
        use_callback((), move |key: Option<RangeKey>, ()| hovered.set(key))
    };
    let bar_view = |index: usize, item: &MapItem| {
        // Measured from the lane's baseline, and without the partners' indices, which shift
        // when a range is added before them: a range that did not change keeps equal props, so
        // it is neither drawn nor compared again.
        let mut drawn = item.clone();
        let base = baseline(&map.lanes, item.lane);
        drawn.y -= base;
        drawn.tag.y -= base;
        drawn.partners = Vec::new();
        let bar = html! {
            <RangeBar key={item_key(item)} item={Rc::new(drawn)} {lang}
                selected={is_selected(item)} partner={partner(index)} active={active == Some(index)}
                dispatch={props.dispatch.clone()} focus={focus.clone()} hover={hover.clone()} />
        };
        (item.lane, bar)
    };

    let free_view = |index: usize, free: &FreeBlock| {
        let key = FreeKey::of(free);
        let open = *chosen_free == Some(key);
        let choose = {
            let chosen_free = chosen_free.clone();
            move || chosen_free.set(Some(key))
        };
        let onclick = {
            let choose = choose.clone();
            Callback::from(move |_: MouseEvent| choose())
        };
        let onkeydown = {
            let into_form = into_form.clone();
            Callback::from(move |event: KeyboardEvent| {
                if event.key() == "Enter" || event.key() == " " {
                    event.prevent_default();
                    if open {
                        dom::focus_element("free-size");
                    } else {
                        into_form.replace(true);
                        choose();
                    }
                }
            })
        };
        let onfocus = {
            let (keyboard, chosen_free, hovered) = (keyboard.clone(), chosen_free.clone(), hovered.clone());
            Callback::from(move |_: FocusEvent| {
                hovered.set(None);
                // Another block's form is left behind: it would stay open for a block out of reach.
                if chosen_free.is_some_and(|chosen| chosen != key) {
                    chosen_free.set(None);
                }
                keyboard.set(Some(KeyboardOn::Free(key)));
            })
        };
        let base = baseline(&map.lanes, free.lane);
        let (x, y, w, h) = (free.x, free.y - base, free.width, free.height);
        // A screen reader hears the block open and close, as a disclosure does.
        let block = html! {
            <g key={free_key(free)}
                class={classes!("free", open.then_some("chosen"))} tabindex="0" role="button"
                aria-expanded={open.to_string()} aria-controls={open.then_some(FREE_DETAIL)}
                data-free={index.to_string()} aria-label={describe_free(free, lang)} {onclick} {onkeydown} {onfocus}>
                <rect class="free-bar" x={decimal(x + FREE_BLOCK_INSET)} y={decimal(y)}
                    width={decimal(w - 2.0 * FREE_BLOCK_INSET)} height={decimal(h)} rx="2" />
                { label_view(&free.tag, "free-label", base) }
            </g>
        };
        (free.lane, block)
    };

    let is_drawn = marks(map.items.len(), drawn_items.iter().map(|&(index, _)| index));
    let is_free_drawn = marks(map.free.len(), drawn_free.iter().map(|&(index, _)| index));
    let drawn = |marks: &[bool], index: usize| marks.get(index).copied().unwrap_or(false);
    let stops = map.order.iter().filter_map(|stop| match *stop {
        Stop::Range(index) => {
            map.items.get(index).filter(|_| drawn(&is_drawn, index)).map(|item| bar_view(index, item))
        }
        Stop::Free(index) => {
            map.free.get(index).filter(|_| drawn(&is_free_drawn, index)).map(|free| free_view(index, free))
        }
    });

    // Only to the partners drawn: a line to a range that is not there would point at nothing.
    let connectors = active.and_then(|index| map.items.get(index)).map(|item| {
        let (x1, y1) = centre(item);
        html! {
            { for item.partners.iter().filter(|p| drawn(&is_drawn, **p)).filter_map(|p| map.items.get(*p)).map(|partner| {
                let (x2, y2) = centre(partner);
                html! { <line class="connector" x1={decimal(x1)} y1={decimal(y1)} x2={decimal(x2)} y2={decimal(y2)} /> }
            }) }
        }
    });

    // Every label drawn under the bars, with its key, its lane and its bar: each has a leader
    // from its bar and a plate under its text.
    let under: Vec<Under<'_>> = drawn_items
        .iter()
        .filter(|(_, item)| !item.tag.inside)
        .map(|(_, item)| Under {
            lane: item.lane,
            key: item_key(item),
            tag: &item.tag,
            bar: (item.x, item.y, item.width, item.height),
        })
        .chain(drawn_free.iter().filter(|(_, free)| !free.tag.inside).map(|(_, free)| Under {
            lane: free.lane,
            key: free_key(free),
            tag: &free.tag,
            bar: (free.x, free.y, free.width, free.height),
        }))
        .collect();
    // Drawn before every bar and label, so that no line crosses a label's text.
    let leaders = under.iter().map(|label| {
        (label.lane, leader_view(label.key.clone(), label.tag, label.bar, baseline(&map.lanes, label.lane)))
    });
    let plates = under.iter().map(|label| {
        (label.lane, plate_view(label.key.clone(), label.tag, baseline(&map.lanes, label.lane)))
    });
    let lanes = map.lanes.iter().enumerate().filter(|(_, lane)| span.is_none_or(|span| span.holds_rows(lane.y, lane.height))).map(|(index, lane)| {
        let bottom = lane.y + lane.height - 4.0;
        html! {
            <g key={index} class="lane">
                <text class="lane-title" x={decimal(MARGIN)} y={decimal(lane.y + 13.0)} aria-label={lane.whole_title.clone()}>
                    { &lane.title }
                    if let Some(whole) = &lane.whole_title { <title>{ whole }</title> }
                </text>
                <line class="lane-rule" x1="0" x2={decimal(map.width)} y1={decimal(bottom)} y2={decimal(bottom)} />
                { for lane.cuts.iter().filter(|cut| span.is_none_or(|span| span.holds(**cut, 0.0))).map(|cut| html! {
                    <line class="cut" x1={decimal(*cut)} x2={decimal(*cut)} y1={decimal(lane.y + 16.0)} y2={decimal(bottom - 2.0)} />
                }) }
            </g>
        }
    });
    let peerings = map.peerings.iter().filter_map(|(a, b)| {
        let (a, b) = (map.lanes.get(*a)?, map.lanes.get(*b)?);
        let (ya, yb) = (a.y + 9.0, b.y + 9.0);
        Some(html! {
            <path class="peering" d={format!("M{} {}H3V{}H{}", decimal(MARGIN - 3.0), decimal(ya), decimal(yb), decimal(MARGIN - 3.0))} />
        })
    });

    let detail = if let Some(free) = free_shown {
        // The form comes after the whole map in the page: Tab from its end goes on to the block's
        // next stop, as if the form sat beside its block.
        let next_stop = chosen_index
            .and_then(|index| tab_neighbours(&map.order, Stop::Free(index), is_tab_stop)[1])
            .and_then(|stop| match stop {
                Stop::Range(index) => map.items.get(index)?.subject.as_ref().map(|subject| {
                    format!("svg.address-map g.range[data-subject=\"{subject}\"][tabindex=\"0\"]")
                }),
                Stop::Free(index) => Some(free_block_selector(index)),
            });
        free_detail(free, chosen_index.unwrap_or_default(), next_stop, lang, &props.dispatch, &chosen_free)
    } else if let Some(item) = active.and_then(|index| map.items.get(index)) {
        html! {
            <dl>
                <dt>{ kind_name(item.kind, lang) }</dt><dd>{ format!("{} {}", item.label, item.block) }</dd>
                <dt>{ T::FirstAddress.get(lang) }</dt><dd>{ item.first.to_string() }</dd>
                <dt>{ T::LastAddress.get(lang) }</dt><dd>{ item.last.to_string() }</dd>
                <dt>{ T::Usable.get(lang) }</dt><dd>{ number(item.usable, lang) }</dd>
                <dt>{ T::Size.get(lang) }</dt><dd>{ addresses(item.size, lang) }</dd>
            </dl>
        }
    } else {
        Html::default()
    };

    let onscroll = {
        let view = view.clone();
        Callback::from(move |event: Event| {
            if let Some(element) = event.target_dyn_into::<web_sys::Element>() {
                view.set(View::of(&element));
            }
        })
    };

    // Escape lets go of a chosen free block as it closes a disclosure, and the focus goes back
    // to the block from its details, which leave the page.
    let onkeydown = {
        let chosen_free = chosen_free.clone();
        Callback::from(move |event: KeyboardEvent| {
            let Some(index) = chosen_index else { return };
            if event.key() == "Escape" {
                dom::focus_first(&free_block_selector(index));
                chosen_free.set(None);
            }
        })
    };

    // A big map is thousands of Tab stops: these two let the keyboard pass it either way
    // (WCAG 2.4.1), as the page's own skip link passes the editor. A small map is passed about as
    // soon without them.
    let tab_stops = map.order.iter().filter(|stop| is_tab_stop(**stop)).count();
    let skippable = tab_stops >= SKIP_BUTTONS_FROM;
    let skip_map = Callback::from(|_: MouseEvent| dom::focus_element("findings"));
    let back_over_map = Callback::from(|_: MouseEvent| dom::focus_element("map-skip"));

    html! {
        <section class="card map-card" aria-labelledby="map-title" {onkeydown}>
            <h2 id="map-title">{ T::AddressMap.get(lang) }</h2>
            <p class="hint" id="map-hint">
                { if props.embedded { T::AddressMapHintEmbedded.get(lang) } else { T::AddressMapHint.get(lang) } }
                if span.is_some() {
                    { " " }{ windowed_hint(map.items.len(), conflicts, lang) }
                }
                if map.ipv6_prefixes > 0 {
                    { " " }{ T::Ipv6NotDrawn.get(lang).replace("{count}", &number(map.ipv6_prefixes as u64, lang)) }
                }
            </p>
            if skippable {
                <button type="button" id="map-skip" class="map-skip" onclick={skip_map}>
                    { T::SkipMap.get(lang).replace("{count}", &number(tab_stops as u64, lang)) }
                </button>
            }
            <div class="map-scroll" ref={scroller} {onscroll}>
                if laid_out.is_none() {
                } else if map.items.is_empty() {
                    // A plan of IPv6 only has ranges: the hint above says the map leaves them out.
                    if map.ipv6_prefixes == 0 { <p class="empty">{ T::EmptyMap.get(lang) }</p> }
                } else {
                    <svg class="address-map" width={decimal(map.width)} height={decimal(map.height)}
                        viewBox={format!("0 0 {} {}", decimal(map.width), decimal(map.height))}
                        role="group" aria-labelledby="map-title" aria-describedby="map-hint"
                        onmouseleave={let hovered = hovered.clone(); Callback::from(move |_: MouseEvent| hovered.set(None))}>
                        <defs>
                            <pattern id="hatch" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
                                <line x1="0" y1="0" x2="0" y2="6" class="hatch-line" />
                            </pattern>
                        </defs>
                        // Each layer has an element of its own, so that what one layer adds or drops
                        // never shifts the elements of the next: the focused bar must stay itself.
                        <g class="lanes">{ for lanes }</g>
                        <g class="peerings">{ for peerings }</g>
                        <g class="leaders">{ per_lane(&map.lanes, leaders) }</g>
                        <g class="plates">{ per_lane(&map.lanes, plates) }</g>
                        // The bars and the free blocks share a layer, in the map's order: the
                        // document's order is the one both Tab and a screen reader's reading follow
                        // (WCAG 2.4.3, 1.3.2), where arrow keys over a single tab stop would have
                        // fixed Tab alone. They never overlap (see `FREE_BLOCK_INSET`), so sharing
                        // a layer changes nothing painted.
                        <g class="stops">{ per_lane(&map.lanes, stops) }</g>
                        <g class="connectors">{ for connectors }</g>
                    </svg>
                }
            </div>
            <div class="map-detail" aria-live="polite">{ detail }</div>
            if skippable {
                <button type="button" class="map-skip map-skip-back" onclick={back_over_map}>{ T::BackOverMap.get(lang) }</button>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct RangeBarProps {
    /// The range with `y` measured from its lane's baseline.
    item: Rc<MapItem>,
    lang: Lang,
    selected: bool,
    partner: bool,
    active: bool,
    dispatch: Callback<Action>,
    /// The keyboard reaches the range.
    focus: Callback<RangeKey>,
    /// The pointer moves over the range.
    hover: Callback<Option<RangeKey>>,
}

/// One range of the map, drawn again only when what it shows changes.
#[function_component]
fn RangeBar(props: &RangeBarProps) -> Html {
    let item = props.item.as_ref();
    let class = classes!(
        "range",
        format!("kind-{}", item.kind.as_str()),
        item.flagged.then_some("flagged"),
        props.selected.then_some("selected"),
        props.partner.then_some("partner"),
        props.active.then_some("active")
    );
    let activate = {
        let (subject, dispatch) = (item.subject.clone(), props.dispatch.clone());
        move || {
            if let Some(subject) = &subject {
                dispatch.emit(Action::Select(Some(subject.clone())));
                dom::focus_field(subject);
            }
        }
    };
    let onclick = {
        let activate = activate.clone();
        Callback::from(move |_: MouseEvent| activate())
    };
    let onkeydown = Callback::from(move |event: KeyboardEvent| {
        if event.key() == "Enter" || event.key() == " " {
            event.prevent_default();
            activate();
        }
    });
    let key = RangeKey::of(item);
    let onfocus = {
        let key = key.clone();
        props.focus.reform(move |_: FocusEvent| key.clone())
    };
    // Moving, not entering: a range that a scroll brings under a still pointer is not previewed.
    let onmousemove = props.hover.reform(move |_: MouseEvent| Some(key.clone()));
    let (x, y, w, h) = (item.x, item.y, item.width, item.height);
    // A repeat stays a button for the pointer and for a screen reader reading the overview; Tab
    // stops at the range once, in its own lane.
    let tab_index = if item.repeat { "-1" } else { "0" };
    let shape = if item.kind == RangeKind::DnsIp {
        let cx = x + w / 2.0;
        html! {
            <>
                <rect class="hit" x={decimal(x)} y={decimal(y)} width={decimal(w)} height={decimal(h)} />
                <path class="marker" d={format!("M{} {}l7 {}l-7 {}l-7 -{}z", decimal(cx), decimal(y), decimal(h / 2.0), decimal(h / 2.0), decimal(h / 2.0))} />
            </>
        }
    } else {
        html! {
            <>
                <rect class="bar" x={decimal(x)} y={decimal(y)} width={decimal(w)} height={decimal(h)} rx="2" />
                if item.flagged {
                    <rect class="hatch" x={decimal(x)} y={decimal(y)} width={decimal(w)} height={decimal(h)} rx="2" />
                }
            </>
        }
    };
    html! {
        <g class={class} data-subject={item.subject.clone()} data-kind={item.kind.as_str()}
            data-flagged={item.flagged.to_string()} tabindex={item.subject.as_ref().map(|_| tab_index)}
            role={item.subject.as_ref().map(|_| "button")} aria-label={describe(item, props.lang)}
            {onclick} {onkeydown} {onfocus} {onmousemove}>
            { shape }
            { label_view(&item.tag, "bar-label", 0.0) }
        </g>
    }
}

/// What a chosen free block shows: its extent, its largest blocks, and the form that adds a
/// subnet there at a size the user picks. The new subnet is chosen, so its field takes the focus
/// that the button had, as a chosen bar's does.
fn free_detail(
    free: &FreeBlock,
    index: usize,
    next_stop: Option<String>,
    lang: Lang,
    dispatch: &Callback<Action>,
    chosen: &UseStateHandle<Option<FreeKey>>,
) -> Html {
    let sizes = free.sizes();
    let preferred = if sizes.contains(&24) { 24 } else { *sizes.start() };
    let size_choice = NodeRef::default();
    let onadd = {
        let (size_choice, dispatch, chosen, free) =
            (size_choice.clone(), dispatch.clone(), chosen.clone(), free.clone());
        Callback::from(move |_: MouseEvent| {
            let len = size_choice
                .cast::<HtmlSelectElement>()
                .and_then(|select| select.value().parse::<u8>().ok())
                .unwrap_or(preferred);
            if let Some(block) = free.block_of(len) {
                dispatch.emit(Action::Add(NewItem::SubnetAt {
                    vnet: free.vnet,
                    first: block.network(),
                    len,
                }));
                chosen.set(None);
            }
        })
    };
    // The form comes after the whole map in the page: Shift+Tab goes back to its block, not to
    // the last range drawn.
    let back_to_block = Callback::from(move |event: KeyboardEvent| {
        if event.key() == "Tab" && event.shift_key() {
            event.prevent_default();
            dom::focus_first(&free_block_selector(index));
        }
    });
    let on_to_next_stop = Callback::from(move |event: KeyboardEvent| {
        if let (true, false, Some(next)) = (event.key() == "Tab", event.shift_key(), &next_stop) {
            event.prevent_default();
            dom::focus_first(next);
        }
    });
    html! {
        <div class="free-detail" id={FREE_DETAIL}>
            <dl>
                <dt>{ T::FreeSpace.get(lang) }</dt><dd>{ format!("{} – {}", free.first, free.last) }</dd>
                <dt>{ T::Size.get(lang) }</dt><dd>{ addresses(free.size, lang) }</dd>
                <dt>{ T::LargestBlocks.get(lang) }</dt><dd>{ blocks_text(free) }</dd>
            </dl>
            <div class="add-here">
                <label for="free-size">{ T::NewSubnetSize.get(lang) }</label>
                <select id="free-size" ref={size_choice} onkeydown={back_to_block}>
                    { for sizes.map(|len| html! {
                        <option value={len.to_string()} selected={len == preferred}>
                            { format!("/{len} ({})", addresses(1u64 << (32 - u32::from(len)), lang)) }
                        </option>
                    }) }
                </select>
                <button type="button" id="add-subnet-here" onclick={onadd} onkeydown={on_to_next_stop}>{ T::AddSubnetHere.get(lang) }</button>
            </div>
        </div>
    }
}

/// What a windowed map says it draws: every conflict too, while there are few enough.
fn windowed_hint(ranges: usize, conflicts: usize, lang: Lang) -> String {
    let count = |value: usize| number(u64::try_from(value).unwrap_or(u64::MAX), lang);
    if conflicts <= DRAW_EVERY_CONFLICT_UP_TO {
        T::MapWindowed.get(lang).replace("{count}", &count(ranges))
    } else {
        T::MapWindowedManyConflicts
            .get(lang)
            .replace("{count}", &count(ranges))
            .replace("{conflicts}", &count(conflicts))
    }
}

/// "1 address", "1,024 addresses".
fn addresses(size: u64, lang: Lang) -> String {
    let unit = if size == 1 { T::OneAddress } else { T::Addresses };
    format!("{} {}", number(size, lang), unit.get(lang))
}

#[cfg(test)]
mod tests {
    use super::{addresses, tab_neighbours, windowed_hint, Lang, Span, Stop, View, SCROLL_STEP};

    #[test]
    fn a_size_reads_as_a_count_of_addresses() {
        assert_eq!(addresses(1, Lang::En), "1 address");
        assert_eq!(addresses(65536, Lang::En), "65,536 addresses");
        assert_eq!(addresses(1, Lang::Fr), "1 adresse");
    }

    #[test]
    fn a_windowed_map_draws_more_than_the_view_on_each_side() {
        let (width, height) = (700.0, 900.0);
        let step = f64::from(SCROLL_STEP);
        for scrolled in [0, SCROLL_STEP - 1, 5 * SCROLL_STEP + 10] {
            // The view the page measures with its box scrolled this far across and down.
            let at = scrolled / SCROLL_STEP;
            let span = Span::around(View { across: at, down: at, tall: 900 / SCROLL_STEP + 1 }, width);
            let scrolled = f64::from(scrolled);
            assert!(span.holds(scrolled - step, 1.0), "a bar a step before the view at {scrolled}");
            assert!(
                span.holds(scrolled + width + step - 1.0, 1.0),
                "a bar a step after the view at {scrolled}"
            );
            assert!(span.holds_rows(scrolled - step, 1.0), "a row a step above the view at {scrolled}");
            assert!(
                span.holds_rows(scrolled + height + step - 1.0, 1.0),
                "a row a step below the view at {scrolled}"
            );
        }
        let span = Span::around(View { across: 10, down: 10, tall: 2 }, width);
        assert!(!span.holds(0.0, 24.0));
        assert!(span.holds(0.0, 10.0 * step), "a bar across the whole view is drawn");
        assert!(!span.holds_rows(0.0, 24.0), "a lane far above the view is not drawn");
        assert!(!span.holds_rows(20.0 * step, 24.0), "nor one far below it");
        assert!(!span.shows((10.0 * step, 0.0, 24.0, 24.0)), "in view across is not enough");
    }

    #[test]
    fn a_map_of_many_conflicts_no_longer_says_it_draws_them_all() {
        assert!(windowed_hint(600, 2, Lang::En).contains("every one in conflict"));
        let many = windowed_hint(10_002, 4_002, Lang::En);
        assert!(
            many.contains("4,002 of them in conflict") && !many.contains("every one in conflict"),
            "{many}"
        );
        assert!(windowed_hint(10_002, 4_002, Lang::Fr).contains("dont 4\u{202f}002 en conflit"));
    }

    #[test]
    fn tab_moves_past_what_is_not_a_tab_stop_in_the_maps_order() {
        let order = [Stop::Range(0), Stop::Range(3), Stop::Free(0), Stop::Range(1), Stop::Range(2)];
        let not_range_one = |stop: Stop| stop != Stop::Range(1);
        assert_eq!(
            tab_neighbours(&order, Stop::Free(0), not_range_one),
            [Some(Stop::Range(3)), Some(Stop::Range(2))]
        );
        assert_eq!(tab_neighbours(&order, Stop::Range(0), not_range_one), [None, Some(Stop::Range(3))]);
        assert_eq!(tab_neighbours(&order, Stop::Free(1), not_range_one), [None, None], "not on the map");
    }
}
