use crate::catalog::{Rule, RuleDoc};
use crate::context::Context;
use crate::finding::Findings;

pub(crate) const RULE: Rule = Rule {
    doc: RuleDoc { what: "", why: "", example: "", fix: "" },
    check,
};

fn check(_context: &Context<'_>, _out: &mut Findings) {}
