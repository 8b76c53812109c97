//! The guide's four setups and an empty plan, built into the page so it works offline.

use std::str::FromStr;

use vnetplan_core::{parse_plan, Plan};

use crate::i18n::T;
use crate::UnknownName;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    DefaultAks,
    PrivateAks,
    InternalLoadBalancer,
    Aci,
    Empty,
}

impl Preset {
    pub const ALL: [Self; 5] =
        [Self::DefaultAks, Self::PrivateAks, Self::InternalLoadBalancer, Self::Aci, Self::Empty];

    /// A stable name for the `<select>` and for tests.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::DefaultAks => "default-aks",
            Self::PrivateAks => "private-aks",
            Self::InternalLoadBalancer => "aks-internal-lb",
            Self::Aci => "aci-vnet",
            Self::Empty => "empty",
        }
    }

    pub fn label(self) -> T {
        match self {
            Self::DefaultAks => T::PresetDefaultAks,
            Self::PrivateAks => T::PresetPrivateAks,
            Self::InternalLoadBalancer => T::PresetInternalLb,
            Self::Aci => T::PresetAci,
            Self::Empty => T::PresetEmpty,
        }
    }

    pub fn plan(self) -> Plan {
        let text = match self {
            Self::DefaultAks => include_str!("../../examples/default-aks.json"),
            Self::PrivateAks => include_str!("../../examples/private-aks.json"),
            Self::InternalLoadBalancer => include_str!("../../examples/aks-internal-lb.json"),
            Self::Aci => include_str!("../../examples/aci-vnet.json"),
            Self::Empty => return Plan::empty("eastus2", "ml-rg"),
        };
        // The examples are checked by the test suite, so this fallback never shows in practice.
        parse_plan(text).unwrap_or_else(|_| Plan::empty("eastus2", "ml-rg"))
    }
}

impl FromStr for Preset {
    type Err = UnknownName;

    fn from_str(name: &str) -> Result<Self, UnknownName> {
        Self::ALL.into_iter().find(|preset| preset.as_str() == name).ok_or(UnknownName)
    }
}

#[cfg(test)]
mod tests {
    use vnetplan_core::{check, parse_plan, RuleId, Severity};

    use super::*;

    #[test]
    fn every_preset_checks_without_errors_or_warnings_beyond_retirement_notices() {
        for preset in Preset::ALL {
            let report = check(&preset.plan());
            assert!(
                report
                    .findings
                    .iter()
                    .all(|f| f.severity == Severity::Info || RuleId::RETIREMENT_NOTICES.contains(&f.rule)),
                "{}",
                preset.as_str()
            );
            assert_eq!(preset.as_str().parse(), Ok(preset));
        }
    }

    #[test]
    fn presets_are_the_examples() {
        let example = parse_plan(include_str!("../../examples/private-aks.json")).expect("example parses");
        assert_eq!(Preset::PrivateAks.plan(), example);
    }
}
