//! The guide's four setups, two Azure ML v2 setups and an empty plan, built into the page so it
//! works offline.

use std::str::FromStr;

use vnetplan_core::{parse_plan_through_tree, Plan};

use crate::i18n::T;
use crate::UnknownName;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    DefaultAks,
    PrivateAks,
    InternalLoadBalancer,
    Aci,
    /// The internal load balancer setup as `vnetplan migrate` writes it (`examples/v2/`).
    K8sInternalRouter,
    /// The ACI setup as `vnetplan migrate` writes it.
    ManagedEndpoint,
    Empty,
}

impl Preset {
    pub const ALL: [Self; 7] = [
        Self::DefaultAks,
        Self::PrivateAks,
        Self::InternalLoadBalancer,
        Self::Aci,
        Self::K8sInternalRouter,
        Self::ManagedEndpoint,
        Self::Empty,
    ];

    /// A stable name for the `<select>` and for tests.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::DefaultAks => "default-aks",
            Self::PrivateAks => "private-aks",
            Self::InternalLoadBalancer => "aks-internal-lb",
            Self::Aci => "aci-vnet",
            Self::K8sInternalRouter => "v2-k8s-internal-router",
            Self::ManagedEndpoint => "v2-managed-endpoint",
            Self::Empty => "empty",
        }
    }

    pub fn label(self) -> T {
        match self {
            Self::DefaultAks => T::PresetDefaultAks,
            Self::PrivateAks => T::PresetPrivateAks,
            Self::InternalLoadBalancer => T::PresetInternalLb,
            Self::Aci => T::PresetAci,
            Self::K8sInternalRouter => T::PresetK8sInternalRouter,
            Self::ManagedEndpoint => T::PresetManagedEndpoint,
            Self::Empty => T::PresetEmpty,
        }
    }

    pub fn plan(self) -> Plan {
        let text = match self {
            Self::DefaultAks => include_str!("../../examples/default-aks.json"),
            Self::PrivateAks => include_str!("../../examples/private-aks.json"),
            Self::InternalLoadBalancer => include_str!("../../examples/aks-internal-lb.json"),
            Self::Aci => include_str!("../../examples/aci-vnet.json"),
            Self::K8sInternalRouter => include_str!("../../examples/v2/aks-internal-lb.json"),
            Self::ManagedEndpoint => include_str!("../../examples/v2/aci-vnet.json"),
            Self::Empty => return Plan::empty("eastus2", "ml-rg"),
        };
        // The examples are checked by the test suite, so this fallback never shows in practice.
        parse_plan_through_tree(text).unwrap_or_else(|_| Plan::empty("eastus2", "ml-rg"))
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

    /// The errors and warnings each preset keeps: the v1 setups Azure's retirement notices, the v2
    /// setups the decisions the README leaves to a person (the router's certificate, and the
    /// managed identity that replaces a service principal).
    fn expected(preset: Preset) -> &'static [RuleId] {
        match preset {
            Preset::K8sInternalRouter => {
                &[RuleId::K8sTlsSettingsIncomplete, RuleId::K8sServicePrincipalIdentity]
            }
            Preset::ManagedEndpoint | Preset::Empty => &[],
            _ => RuleId::RETIREMENT_NOTICES,
        }
    }

    #[test]
    fn every_preset_checks_without_errors_or_warnings_beyond_what_it_must_keep() {
        for preset in Preset::ALL {
            let report = check(&preset.plan());
            let serious: Vec<RuleId> =
                report.findings.iter().filter(|f| f.severity != Severity::Info).map(|f| f.rule).collect();
            assert!(
                serious.iter().all(|rule| expected(preset).contains(rule)),
                "{}: {serious:?}",
                preset.as_str()
            );
            assert_eq!(preset.as_str().parse(), Ok(preset));
        }
    }

    #[test]
    fn the_v2_presets_are_v2_and_keep_their_decisions() {
        let router = Preset::K8sInternalRouter.plan();
        assert!(router.aks_clusters.iter().all(|c| c.is_v2() && c.azure_ml().has_internal_router()));
        let rules: Vec<RuleId> = check(&router).findings.iter().map(|f| f.rule).collect();
        assert!(expected(Preset::K8sInternalRouter).iter().all(|rule| rules.contains(rule)), "{rules:?}");
        let endpoint = Preset::ManagedEndpoint.plan();
        assert!(endpoint.workspace.managed_network.is_some() && !endpoint.online_endpoints.is_empty());
    }

    #[test]
    fn presets_are_the_examples() {
        let example = parse_plan(include_str!("../../examples/private-aks.json")).expect("example parses");
        assert_eq!(Preset::PrivateAks.plan(), example);
    }
}
