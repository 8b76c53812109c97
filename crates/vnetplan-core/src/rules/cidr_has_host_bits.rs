use crate::catalog::{Example, RuleDoc};
use crate::context::{CidrOwner, ClusterRange, Context};
use crate::finding::{Draft, Fix, RuleFindings};
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "A VNet prefix, subnet prefix, external range, service range or pod range must be written with \
         its network address, the first address of the block, so that every bit after the prefix length \
         is zero. The docker bridge value is exempt, because it names the bridge’s own address inside \
         its block.",
        "Un préfixe de VNet ou de sous-réseau, une plage externe, la plage des services ou celle des \
         pods doit être écrit avec son adresse de réseau, la première adresse du bloc, de sorte que tous \
         les bits après la longueur de préfixe soient à zéro. La valeur du pont Docker fait exception, \
         car elle désigne l’adresse propre du pont à l’intérieur de son bloc."
    ),
    why: text!(
        "Azure refuses an address space or subnet such as 10.1.0.5/16 with InvalidCIDRNotation instead \
         of rounding it down, and the AKS and Azure ML settings expect a clean block as well. Host bits \
         usually betray a typo, so the checker does not guess silently what was meant.",
        "Azure refuse un espace d’adressage ou un sous-réseau tel que 10.1.0.5/16 avec \
         InvalidCIDRNotation au lieu de l’arrondir, et les paramètres d’AKS et d’Azure ML attendent eux \
         aussi un bloc propre. Des bits d’hôte trahissent en général une faute de frappe : le \
         vérificateur ne devine donc pas en silence ce qui était voulu."
    ),
    example: Example(&[("/vnets/0/addressPrefixes/0", r#""10.1.0.5/16""#)]),
    fix: text!(
        "Write the network address of the block with the same prefix length: 10.1.0.5/16 becomes \
         10.1.0.0/16. If the address was right and the length wrong, correct the length instead.",
        "Écrivez l’adresse de réseau du bloc avec la même longueur de préfixe : 10.1.0.5/16 devient \
         10.1.0.0/16. Si l’adresse était juste et la longueur fausse, corrigez plutôt la longueur."
    ),
    sources: &[sources::VIRTUAL_NETWORKS_FAQ_2019_02_12],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for field in context.cidr_fields() {
        // The docker bridge is documented with host bits set (172.17.0.1/16).
        if matches!(field.owner, CidrOwner::Cluster(_, ClusterRange::DockerBridge)) {
            continue;
        }
        // IPv4 or, in VNet, subnet and external prefixes, IPv6: both must be network addresses.
        let (net, network) = match (field.net, field.net6) {
            (Some(net), _) if net.addr() != net.network() => (net.to_string(), net.trunc().to_string()),
            (None, Some(net)) if net.addr() != net.network() => (net.to_string(), net.trunc().to_string()),
            _ => continue,
        };
        let target = field.pointer();
        let message = msg!(
            [
                "{field} is written {net}, which has host bits set; the block's network address is \
                 {network}",
                "{field} vaut {net}, dont les bits d’hôte ne sont pas tous à zéro ; l’adresse de réseau \
                 du bloc est {network}"
            ],
            net = &net,
            network = &network,
        )
        .with_message("field", field.label(context.plan));
        let title = msg!(
            [
                "write {network}, the network address of the block",
                "écrire {network}, l’adresse de réseau du bloc"
            ],
            network = &network,
        );
        out.push(Draft::new(message, vec![target.clone()]).with_fix(Some(Fix::set(title, target, network))));
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::catalog::RuleId::CidrHasHostBits;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

    fn subjects(changes: &[(&str, Value)]) -> Vec<Vec<String>> {
        assert_fires(CidrHasHostBits, changes).into_iter().map(|f| f.subjects).collect()
    }

    #[test]
    fn fires_on_a_vnet_prefix_and_fixes_it() {
        let changes = [("/vnets/0/addressPrefixes/0", json!("10.1.0.5/16"))];
        let found = assert_fires(CidrHasHostBits, &changes);
        let finding = found.first().expect("one finding");
        assert_eq!(finding.subjects, ["/vnets/0/addressPrefixes/0"]);
        assert_eq!(
            finding.message,
            "an address prefix of VNet 'ml-vnet' is written 10.1.0.5/16, which has host bits set; \
             the block's network address is 10.1.0.0/16"
        );
        let fix = finding.fix.as_ref().expect("a fix");
        assert_eq!(fix.title, "write 10.1.0.0/16, the network address of the block");
        assert_eq!(
            finding.text.render(Lang::Fr),
            "un préfixe d’adresses du VNet « ml-vnet » vaut 10.1.0.5/16, dont les bits d’hôte ne sont \
             pas tous à zéro ; l’adresse de réseau du bloc est 10.1.0.0/16"
        );
        assert_eq!(fix.text.render(Lang::Fr), "écrire 10.1.0.0/16, l’adresse de réseau du bloc");
        let values: Vec<&Value> = fix.changes.iter().map(|c| &c.value).collect();
        assert_eq!(values, [&json!("10.1.0.0/16")]);
        assert_fix_resolves(CidrHasHostBits, &changes);
    }

    #[test]
    fn fires_on_subnet_external_service_and_pod_ranges() {
        assert_eq!(
            subjects(&[("/vnets/0/subnets/0/addressPrefix", json!("10.1.0.1/22"))]),
            [["/vnets/0/subnets/0/addressPrefix"]]
        );
        assert_eq!(
            subjects(&[(
                "/externalRanges",
                json!([{"name": "onprem", "addressPrefix": "192.168.1.1/24", "kind": "onPremises"}])
            )]),
            [["/externalRanges/0/addressPrefix"]]
        );
        let service = [("/aksClusters/0/serviceCidr", json!("10.2.0.1/16"))];
        assert_eq!(subjects(&service), [["/aksClusters/0/serviceCidr"]]);
        assert_fix_resolves(CidrHasHostBits, &service);
        let pod = [
            ("/aksClusters/0/networkPlugin", json!("kubenet")),
            ("/aksClusters/0/podCidr", json!("10.244.0.7/16")),
        ];
        assert_eq!(subjects(&pod), [["/aksClusters/0/podCidr"]]);
    }

    #[test]
    fn quiet_on_network_addresses_and_the_docker_bridge() {
        assert_quiet(CidrHasHostBits, &[]);
        assert_quiet(CidrHasHostBits, &[("/aksClusters/0/dockerBridgeCidr", json!("172.18.0.1/16"))]);
        assert_quiet(CidrHasHostBits, &[("/vnets/0/subnets/0/addressPrefix", json!("10.1.0.7/32"))]);
        assert_quiet(CidrHasHostBits, &[("/vnets/0/addressPrefixes/0", json!("010.1.0.5/16"))]);
    }
}
