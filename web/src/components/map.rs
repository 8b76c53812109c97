//! The address map: draws the geometry `vnetplan_core::layout` computed. Each range is a
//! focusable element carrying `data-subject`, its JSON pointer; ranges in findings are hatched
//! and outlined so conflicts do not depend on colour alone.

use std::rc::Rc;

use vnetplan_core::layout::{AddressMap, MapItem, RangeKind, LABEL_WIDTH, LANE_HEIGHT};
use web_sys::KeyboardEvent;
use yew::prelude::*;

use crate::dom;
use crate::i18n::{number, Lang, T};
use crate::state::Action;

const BAR_HEIGHT: f64 = 18.0;
const BAR_TOP: f64 = 5.0;

#[derive(Properties, PartialEq)]
pub struct MapProps {
    pub map: Rc<AddressMap>,
    pub selected: Option<String>,
    pub lang: Lang,
    pub dispatch: Callback<Action>,
}

fn describe(item: &MapItem, lang: Lang) -> String {
    let flagged = if item.flagged { format!(", {}", T::InConflict.get(lang)) } else { String::new() };
    format!(
        "{} {}: {}, {} {}, {} {}, {} {}{flagged}",
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
    }
}

#[component]
pub fn AddressMapView(props: &MapProps) -> Html {
    let focused = use_state(|| None::<usize>);
    let lang = props.lang;
    let map = &props.map;
    let shown = (*focused)
        .and_then(|index| map.items.get(index))
        .or_else(|| map.items.iter().find(|item| item.subject.is_some() && item.subject == props.selected));

    let bars = map.items.iter().enumerate().map(|(index, item)| {
        let selected = item.subject.is_some() && item.subject == props.selected;
        let class = classes!(
            "range",
            format!("kind-{}", item.kind.as_str()),
            item.flagged.then_some("flagged"),
            selected.then_some("selected")
        );
        let y = item.y + BAR_TOP;
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
        let onfocus = {
            let focused = focused.clone();
            Callback::from(move |_: FocusEvent| focused.set(Some(index)))
        };
        let onmouseenter = {
            let focused = focused.clone();
            Callback::from(move |_: MouseEvent| focused.set(Some(index)))
        };
        let text_fits = item.width > 70.0;
        html! {
            <g class={class} data-subject={item.subject.clone()} data-kind={item.kind.as_str()}
                data-flagged={item.flagged.to_string()} tabindex={item.subject.as_ref().map(|_| "0")}
                role={item.subject.as_ref().map(|_| "button")} aria-label={describe(item, lang)}
                {onclick} {onkeydown} {onfocus} {onmouseenter}>
                <rect class="bar" x={format!("{:.2}", item.x)} y={format!("{y:.2}")} width={format!("{:.2}", item.width)}
                    height={BAR_HEIGHT.to_string()} rx="2" />
                if item.flagged {
                    <rect class="hatch" x={format!("{:.2}", item.x)} y={format!("{y:.2}")}
                        width={format!("{:.2}", item.width)} height={BAR_HEIGHT.to_string()} rx="2" />
                }
                if text_fits {
                    <text class="bar-label" x={format!("{:.2}", item.x + 4.0)} y={format!("{:.2}", y + 13.0)}>
                        { truncate(&format!("{} {}", item.label, item.block), item.width) }
                    </text>
                }
            </g>
        }
    });
    let axis_y = map.lanes.len() as f64 * LANE_HEIGHT;

    html! {
        <section class="card map-card" aria-labelledby="map-title">
            <h2 id="map-title">{ T::AddressMap.get(lang) }</h2>
            <p class="hint" id="map-hint">{ T::AddressMapHint.get(lang) }</p>
            if map.items.is_empty() {
                <p class="empty">{ T::EmptyMap.get(lang) }</p>
            } else {
                <div class="map-scroll">
                    <svg class="address-map" viewBox={format!("0 0 {} {}", map.width, map.height)}
                        role="group" aria-labelledby="map-title" aria-describedby="map-hint"
                        onmouseleave={let focused = focused.clone(); Callback::from(move |_: MouseEvent| focused.set(None))}>
                        <defs>
                            <pattern id="hatch" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
                                <line x1="0" y1="0" x2="0" y2="6" class="hatch-line" />
                            </pattern>
                        </defs>
                        { for map.lanes.iter().map(|lane| html! {
                            <g class="lane">
                                <line class="lane-rule" x1="0" x2={map.width.to_string()} y1={format!("{:.2}", lane.y + LANE_HEIGHT)}
                                    y2={format!("{:.2}", lane.y + LANE_HEIGHT)} />
                                <text class="lane-label" x="4" y={format!("{:.2}", lane.y + 18.0)}>{ truncate(&lane.label, LABEL_WIDTH - 8.0) }</text>
                            </g>
                        }) }
                        { for map.segments.iter().map(|segment| html! {
                            <g class="segment">
                                <line class="segment-edge" x1={format!("{:.2}", segment.x)} x2={format!("{:.2}", segment.x)} y1="0" y2={format!("{:.2}", axis_y + 6.0)} />
                                <line class="axis" x1={format!("{:.2}", segment.x)} x2={format!("{:.2}", segment.x + segment.width)}
                                    y1={format!("{:.2}", axis_y + 4.0)} y2={format!("{:.2}", axis_y + 4.0)} />
                                <text class="axis-label" x={format!("{:.2}", segment.x)} y={format!("{:.2}", axis_y + 17.0)}>{ segment.first.to_string() }</text>
                                <text class="axis-label end" x={format!("{:.2}", segment.x + segment.width)} y={format!("{:.2}", axis_y + 29.0)}
                                    text-anchor="end">{ segment.last.to_string() }</text>
                            </g>
                        }) }
                        { for bars }
                    </svg>
                </div>
                <div class="map-detail" aria-live="polite">
                    if let Some(item) = shown {
                        <dl>
                            <dt>{ kind_name(item.kind, lang) }</dt><dd>{ format!("{} {}", item.label, item.block) }</dd>
                            <dt>{ T::FirstAddress.get(lang) }</dt><dd>{ item.first.to_string() }</dd>
                            <dt>{ T::LastAddress.get(lang) }</dt><dd>{ item.last.to_string() }</dd>
                            <dt>{ T::Usable.get(lang) }</dt><dd>{ number(item.usable, lang) }</dd>
                            <dt>{ T::Size.get(lang) }</dt><dd>{ addresses(item.size, lang) }</dd>
                        </dl>
                    }
                </div>
            }
        </section>
    }
}

/// "1 address", "1,024 addresses".
fn addresses(size: u64, lang: Lang) -> String {
    let unit = if size == 1 { T::OneAddress } else { T::Addresses };
    format!("{} {}", number(size, lang), unit.get(lang))
}

/// Cuts a label to what fits in `width` user units at the map's font size (about 6.5 units a
/// character), marking the cut.
fn truncate(text: &str, width: f64) -> String {
    let fits = (width / 6.5).floor().max(1.0) as usize;
    if text.chars().count() <= fits {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(fits.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::{addresses, truncate, Lang};

    #[test]
    fn a_size_reads_as_a_count_of_addresses() {
        assert_eq!(addresses(1, Lang::En), "1 address");
        assert_eq!(addresses(65536, Lang::En), "65,536 addresses");
        assert_eq!(addresses(1, Lang::Fr), "1 adresse");
    }

    #[test]
    fn labels_are_cut_to_their_bar() {
        assert_eq!(truncate("aks 10.1.0.0/22", 200.0), "aks 10.1.0.0/22");
        assert_eq!(truncate("aks 10.1.0.0/22", 40.0), "aks 1…");
    }
}
