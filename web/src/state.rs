//! The page's state and every change to it, as plain Rust that native tests can drive.
//!
//! The plan held here is always a valid document, so it can always be checked. What the user
//! types that is not yet a valid value for its field (a node count of "3a", a half-typed list of
//! service tags) waits in `drafts`, keyed by JSON pointer, and stays on screen until it is
//! corrected: nothing typed is ever discarded.
//!
//! The plan is serialised once per change, into `document`: the fields, the findings' links,
//! the next edit and the autosave all read that one copy.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use serde::Deserialize;
use serde_json::{json, Value};
use vnetplan_core::new_items::{self, unique_name};
use vnetplan_core::{
    apply_fix_to_document, check, is_namespace_name, plan_from_value, remove_pointer, set_pointer, Fix,
    IsolationMode, Message, Plan, Report,
};
use yew::{Callback, Reducible, UseReducerHandle};

use crate::dom::{self, Storage};
use crate::drafts::Drafts;
use crate::extras::{Migrated, MigrationNote};

/// How many steps undo remembers.
const HISTORY_LIMIT: usize = 200;

/// What the user typed into a field, and how the field reads it.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Free text, stored as typed (names, CIDRs, addresses).
    Text(String),
    /// Text where an empty field means `null` (optional names, the pod range).
    OptionalText(String),
    /// A whole number of at least `min`; with `nullable`, an empty field means `null`.
    Count { text: String, min: u32, nullable: bool },
    /// A comma-separated list of strings (delegations, service tags).
    List(String),
    /// An upgrade surge: a node count, a percentage such as `10%`, or empty for AKS's default.
    Surge(String),
    /// A Kubernetes namespace name, or empty for the attach's default.
    Namespace(String),
    /// A value taken as is: a checkbox, a choice from a list.
    Value(Value),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// Something the user asked for did not happen; the plan is unchanged.
    Error {
        headline: NoticeKind,
        /// Why, shown in the page's language at the time it is read.
        detail: Message,
    },
    Done(NoticeKind),
}

impl Notice {
    pub fn kind(&self) -> NoticeKind {
        match self {
            Self::Error { headline, .. } => *headline,
            Self::Done(kind) => *kind,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    LinkLoaded,
    LinkBroken,
    /// An embedded view opened with a link it cannot read: it has no plan of its own to keep, so
    /// it shows the default example.
    EmbeddedLinkBroken,
    /// A link given to an embedded view after it opened, which it cannot read: the view keeps
    /// the plan it shows, which is no plan of the reader's own.
    EmbeddedLinkKept,
    FileLoaded,
    FileBroken,
    FixApplied,
    FixFailed,
    EditRefused,
    PresetLoaded,
    Imported,
    /// French was asked for and its texts could not be fetched: the page stays in English.
    FrenchUnavailable,
    /// The French texts came after the page had opened in English without them.
    FrenchArrived,
    /// The migration, fetched on first use, did not answer.
    MigrationFailed,
    /// The plan changed while the migration was being fetched, which then left it as it was.
    MigrationOutdated,
    /// The plan changed while the import ran, which then left it as it was.
    ImportOutdated,
    /// The browser could not make a share link.
    ShareFailed,
}

/// Something an "add" button adds. The item is chosen when the button is pressed, from the plan
/// as it is then: a new range must avoid every range the plan uses, which means reading them all,
/// and that is too much work to redo for every button on every keystroke.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewItem {
    Vnet,
    Prefix {
        vnet: usize,
    },
    Subnet {
        vnet: usize,
    },
    /// A subnet at the block `first`/`len` that the user picked in a free block of the map.
    SubnetAt {
        vnet: usize,
        first: std::net::Ipv4Addr,
        len: u8,
    },
    ExternalRange,
    Cluster,
    AciDeployment,
    OnlineEndpoint,
    OutboundRule,
}

impl NewItem {
    fn list_and_item(self, plan: &Plan) -> (String, Value) {
        match self {
            Self::Vnet => ("/vnets".to_owned(), new_items::new_vnet(plan)),
            Self::Prefix { vnet } => (format!("/vnets/{vnet}/addressPrefixes"), Value::String(String::new())),
            Self::Subnet { vnet } => (format!("/vnets/{vnet}/subnets"), new_items::new_subnet(plan, vnet)),
            Self::SubnetAt { vnet, first, len } => (
                format!("/vnets/{vnet}/subnets"),
                new_items::new_subnet_at(plan, vnet, &format!("{first}/{len}")),
            ),
            Self::ExternalRange => ("/externalRanges".to_owned(), new_items::new_external_range(plan)),
            Self::Cluster => ("/aksClusters".to_owned(), new_items::new_cluster(plan)),
            Self::AciDeployment => ("/aciDeployments".to_owned(), new_items::new_aci_deployment(plan)),
            Self::OnlineEndpoint => {
                let name = unique_name("endpoint", plan.online_endpoints.iter().map(|e| e.name.as_str()));
                ("/onlineEndpoints".to_owned(), json!({ "name": name, "kind": "managed" }))
            }
            Self::OutboundRule => {
                let rules = plan.workspace.managed_network.iter().flat_map(|network| &network.outbound_rules);
                let name = unique_name("rule", rules.map(|rule| rule.name.as_str()));
                // Only a private endpoint rule is accepted in the other modes; either kind starts
                // with a blank destination, which the checker flags until the user fills it in.
                let kind = if plan.workspace.isolation_mode() == IsolationMode::AllowOnlyApprovedOutbound {
                    "fqdn"
                } else {
                    "privateEndpoint"
                };
                let rule = json!({ "name": name, "type": kind, "destination": "" });
                ("/workspace/managedNetwork/outboundRules".to_owned(), rule)
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Edit {
        pointer: String,
        edit: Edit,
    },
    /// Edits typed within one animation frame, applied in order and checked once.
    Edits(Vec<(String, Edit)>),
    Add(NewItem),
    Remove {
        pointer: String,
    },
    ApplyFix(Fix),
    /// Asks for the plan rewritten for Azure ML v2: every v1 workload, or only the cluster at
    /// this index. The migration is fetched on first use, so the page runs it (see
    /// [`State::migrating`]) and answers with [`Action::Migrated`].
    Migrate {
        cluster: Option<usize>,
    },
    /// The answer to the pending migration `request`; an error is said in the page's language.
    Migrated {
        request: Migrating,
        answer: Result<Box<Migrated>, Message>,
    },
    Undo,
    Redo,
    /// A whole new plan: a preset, an opened file, a share link, an autosave.
    Replace {
        plan: Box<Plan>,
        notice: Option<Notice>,
    },
    /// An import's answer: `plan`, merged into the plan whose document was `from`. It replaces
    /// the plan only if the plan is still that one, since replacing a plan changed meanwhile
    /// would throw the change away.
    Imported {
        from: Rc<Value>,
        plan: Box<Plan>,
    },
    /// A notice that leaves the plan as it is: something failed to load, or the page's opening
    /// has news to tell.
    Notify(Notice),
    /// The French texts are here, and the page now shows French when `shown`: a notice that
    /// said they could not be loaded is out of date.
    FrenchLoaded {
        shown: bool,
    },
    Select(Option<String>),
    Dismiss,
    /// A newer release of the page has been installed, while this page still runs the one it
    /// loaded.
    NewRelease,
    DismissNewRelease,
    /// Puts the last migration's notes away, in the history too. The plan stays as it is, and
    /// Undo still takes the migration back.
    DismissMigrationNotes,
}

/// A migration the page has asked for and not yet had answered: of the plan `from`, which the
/// answer replaces only if the plan is still that one.
#[derive(Debug, Clone)]
pub struct Migrating {
    pub cluster: Option<usize>,
    pub from: Rc<Plan>,
}

impl Migrating {
    /// What to send to the migration: the whole plan, or the plan with that cluster alone, since
    /// the migration rewrites every v1 workload it is given. `None` when there is no such cluster.
    pub fn input(&self) -> Option<Plan> {
        let Some(index) = self.cluster else { return Some((*self.from).clone()) };
        Some(Plan {
            aks_clusters: vec![self.from.aks_clusters.get(index)?.clone()],
            aci_deployments: Vec::new(),
            ..(*self.from).clone()
        })
    }

    /// The plan `from` after the migration answered `migrated` for [`Migrating::input`], with the
    /// notes' pointers moved back to the cluster's place when one cluster was migrated alone.
    fn apply(&self, migrated: Migrated) -> Option<(Plan, Vec<MigrationNote>)> {
        let Migrated { plan: mut rewritten, mut notes } = migrated;
        let Some(index) = self.cluster else { return Some((rewritten, notes)) };
        let mut result = (*self.from).clone();
        *result.aks_clusters.get_mut(index)? = rewritten.aks_clusters.pop()?;
        let place = format!("/aksClusters/{index}");
        for subject in notes.iter_mut().flat_map(|note| note.subjects.iter_mut()) {
            if let Some(rest) = subject.strip_prefix("/aksClusters/0") {
                if rest.is_empty() || rest.starts_with('/') {
                    *subject = format!("{place}{rest}");
                }
            }
        }
        Some((result, notes))
    }
}

/// Compared by identity: the plans are the same plan only if they are the same copy, and
/// comparing their contents would cost a whole plan's walk on every render.
impl PartialEq for Migrating {
    fn eq(&self, other: &Self) -> bool {
        self.cluster == other.cluster && Rc::ptr_eq(&self.from, &other.from)
    }
}

/// A step of the undo history. Shared, because every change copies the state and with it the
/// whole history: copying pointers keeps a keystroke's cost independent of the history's length.
#[derive(Debug, Clone, PartialEq)]
struct Snapshot {
    plan: Rc<Plan>,
    drafts: Rc<Drafts>,
    migration_notes: Rc<Vec<MigrationNote>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub plan: Rc<Plan>,
    /// The plan as a JSON document, made once per change.
    pub document: Rc<Value>,
    pub drafts: Drafts,
    pub report: Rc<Report>,
    pub notice: Option<Notice>,
    /// What the last migration changed and left to do. Undo and redo bring back the notes that
    /// went with the plan they restore.
    pub migration_notes: Rc<Vec<MigrationNote>>,
    /// The migration asked for and not yet answered: the page fetches it and runs it.
    pub migrating: Option<Migrating>,
    /// The JSON pointer the user picked on the map or in a finding.
    pub selected: Option<String>,
    /// How many times a field has been picked: picking the field picked last again is a new pick,
    /// which opens the editor and focuses the field again.
    pub picks: u32,
    past: Vec<Snapshot>,
    future: Vec<Snapshot>,
    /// The field of the last edit: typing into one field is one undo step, not one per key.
    last_edited: Option<String>,
    /// The field whose value the plan refused last, and why: the field says so, and the notice
    /// goes, once that field holds a value the plan takes.
    pub refused: Option<Refusal>,
    /// The plan a share link brought: while the plan is still that one, it is someone else's
    /// plan, and must not take the place of the saved work that new tabs open with.
    link_plan: Option<Rc<Plan>>,
    /// A newer release is installed and this page runs an older one. Said apart from the notice,
    /// which the next fix or import replaces, since the page's checks stay out of date until a
    /// reload; and kept out of the history, which is the plan's.
    pub new_release: bool,
}

/// A field's text that the plan did not take, and the plan reader's reason.
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    pub pointer: String,
    pub detail: Message,
    /// The text refused, as the field's draft held it: the reason is shown only while the field
    /// still shows that text, since an undo, a redo or a removal can put other text there.
    pub text: Option<String>,
}

impl State {
    pub fn new(plan: Plan) -> Self {
        let report = check(&plan);
        Self {
            document: Rc::new(document_of(&plan)),
            plan: Rc::new(plan),
            drafts: Drafts::default(),
            report: Rc::new(report),
            notice: None,
            migration_notes: Rc::default(),
            migrating: None,
            selected: None,
            picks: 0,
            past: Vec::new(),
            future: Vec::new(),
            last_edited: None,
            refused: None,
            link_plan: None,
            new_release: false,
        }
    }

    /// Whether the plan is the one a share link brought, unchanged.
    pub fn is_unchanged_link(&self) -> bool {
        self.link_plan.as_ref().is_some_and(|plan| Rc::ptr_eq(plan, &self.plan))
    }

    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }

    /// The field the user has typed into since the plan last changed in another way: while they
    /// type there, Ctrl+Z is that field's own undo; anywhere else it undoes plan changes.
    pub fn typing_in(&self) -> Option<&str> {
        self.last_edited.as_deref()
    }

    /// What the field at `pointer` shows: the pending text, or the plan's value.
    pub fn draft(&self, pointer: &str) -> Option<&str> {
        self.drafts.get(pointer)
    }

    /// The state after `action`. Pure: the page's reducer and the tests both call it. However
    /// many changes the action makes to the plan, the plan is checked once, at the end.
    pub fn after(&self, action: Action) -> Self {
        let mut next = self.clone();
        match action {
            Action::Edit { pointer, edit } => next.edit(pointer, edit),
            Action::Edits(edits) => {
                for (pointer, edit) in edits {
                    next.edit(pointer, edit);
                }
            }
            Action::Add(new) => {
                let (list, item) = new.list_and_item(&self.plan);
                next.append(&list, item);
                if let NewItem::SubnetAt { vnet, .. } = new {
                    // Chosen like a bar of the map, so that the editor shows the new subnet even
                    // past its VNet's page or past the page of VNets.
                    let subnets = |plan: &Plan| plan.vnets.get(vnet).map_or(0, |vnet| vnet.subnets.len());
                    let index = subnets(&self.plan);
                    if subnets(&next.plan) > index {
                        next.pick(Some(format!("/vnets/{vnet}/subnets/{index}/addressPrefix")));
                    }
                }
            }
            Action::Remove { pointer } => {
                let before = next.plan.clone();
                next.change_document(None, |value| remove_pointer(value, &pointer).map(drop));
                if next.plan != before {
                    next.drafts = drafts_after_removal(&next.drafts, &pointer);
                    // The Remove button pressed has gone with its item: the focus goes to a
                    // field of what stands nearest, rather than to the page's start.
                    next.pick(field_near_removed(&next.document, &pointer));
                }
            }
            Action::ApplyFix(fix) => match apply_fix_to_document((*self.document).clone(), &fix) {
                Ok(plan) => {
                    next.remember(None);
                    for change in &fix.changes {
                        next.drafts.remove(&change.path);
                    }
                    next.set_plan(plan);
                    next.notice = Some(Notice::Done(NoticeKind::FixApplied));
                }
                Err(error) => {
                    next.notice =
                        Some(Notice::Error { headline: NoticeKind::FixFailed, detail: error.message() })
                }
            },
            Action::Migrate { cluster } => {
                let exists = cluster.is_none_or(|index| index < self.plan.aks_clusters.len());
                if self.migrating.is_none() && exists {
                    next.migrating = Some(Migrating { cluster, from: self.plan.clone() });
                }
            }
            Action::Migrated { request, answer } => {
                if self.migrating.as_ref() == Some(&request) {
                    next.migrating = None;
                    next.migrated(&request, answer);
                }
            }
            Action::Undo => {
                if let Some(snapshot) = next.past.pop() {
                    let current = next.snapshot();
                    next.future.push(current);
                    next.restore(snapshot);
                }
            }
            Action::Redo => {
                if let Some(snapshot) = next.future.pop() {
                    let current = next.snapshot();
                    next.past.push(current);
                    next.restore(snapshot);
                }
            }
            Action::Replace { plan, notice } => next.replace(*plan, notice),
            Action::Imported { from, plan } => {
                if from == self.document {
                    next.merge(*plan);
                } else {
                    next.notice = Some(Notice::Done(NoticeKind::ImportOutdated));
                }
            }
            Action::Notify(notice) => next.notice = Some(notice),
            Action::FrenchLoaded { shown } => match self.notice.as_ref().map(Notice::kind) {
                Some(NoticeKind::FrenchUnavailable) if !shown => {
                    next.notice = Some(Notice::Done(NoticeKind::FrenchArrived));
                }
                Some(NoticeKind::FrenchUnavailable | NoticeKind::FrenchArrived) if shown => {
                    next.notice = None
                }
                _ => {}
            },
            Action::Select(pointer) => next.pick(pointer),
            Action::Dismiss => next.notice = None,
            Action::NewRelease => next.new_release = true,
            Action::DismissNewRelease => next.new_release = false,
            Action::DismissMigrationNotes => next.dismiss_migration_notes(),
        }
        if !Rc::ptr_eq(&next.plan, &self.plan) {
            next.report = Rc::new(check(&next.plan));
        }
        next
    }

    fn edit(&mut self, pointer: String, edit: Edit) {
        let value = match edit {
            Edit::Text(text) => Some(Value::String(text)),
            Edit::OptionalText(text) if text.trim().is_empty() => Some(Value::Null),
            Edit::OptionalText(text) => Some(Value::String(text)),
            Edit::Count { text, min, nullable } => match text.trim() {
                "" if nullable => Some(Value::Null),
                trimmed => match trimmed.parse::<u32>() {
                    Ok(number) if number >= min => Some(Value::from(number)),
                    _ => {
                        self.remember(Some(&pointer));
                        self.drafts.insert(pointer, text);
                        return;
                    }
                },
            },
            Edit::List(text) => {
                let items: Vec<Value> = text
                    .split(',')
                    .map(str::trim)
                    .filter(|item| !item.is_empty())
                    .map(|item| Value::String(item.to_owned()))
                    .collect();
                self.remember(Some(&pointer));
                self.drafts.insert(pointer.clone(), text);
                self.change_plan_silently(&pointer, Value::Array(items));
                return;
            }
            Edit::Surge(text) => match surge_value(&text) {
                Some(value) => Some(value),
                None => {
                    self.remember(Some(&pointer));
                    self.drafts.insert(pointer, text);
                    return;
                }
            },
            Edit::Namespace(text) => match text.trim() {
                "" => Some(Value::Null),
                name if is_namespace_name(name) => Some(Value::String(name.to_owned())),
                _ => {
                    self.remember(Some(&pointer));
                    self.drafts.insert(pointer, text);
                    return;
                }
            },
            Edit::Value(value) => Some(value),
        };
        if let Some(value) = value {
            let remembered = self.remember(Some(&pointer));
            self.drafts.remove(&pointer);
            if value.is_null() {
                // Leaving out an object (a managed network, a cluster's azureMl) takes the text
                // waiting in its fields with it.
                let inside = format!("{pointer}/");
                self.drafts.retain(|key| !key.starts_with(&inside));
            }
            if !self.change_plan_silently(&pointer, value) && remembered {
                self.past.pop();
            }
        }
    }

    fn migrated(&mut self, request: &Migrating, answer: Result<Box<Migrated>, Message>) {
        let migrated = match answer {
            Ok(migrated) => migrated,
            Err(detail) => {
                self.notice = Some(Notice::Error { headline: NoticeKind::MigrationFailed, detail });
                return;
            }
        };
        // An edit or an undo made while the migration loaded wins: the answer is for a plan that
        // is gone, and applying it would throw that change away.
        if !Rc::ptr_eq(&request.from, &self.plan) {
            self.notice = Some(Notice::Done(NoticeKind::MigrationOutdated));
            return;
        }
        let Some((plan, notes)) = request.apply(*migrated) else { return };
        if plan == *self.plan {
            return;
        }
        self.remember(None);
        let document = document_of(&plan);
        // A draft whose item the migration removed (an ACI deployment) has nowhere to show.
        self.drafts.retain(|pointer| {
            pointer.rsplit_once('/').is_some_and(|(parent, _)| document.pointer(parent).is_some())
        });
        self.migration_notes = Rc::new(notes);
        self.set_plan(plan);
    }

    /// Puts the current notes away in every step of the history that shows them, so that no
    /// undo or redo of a later change brings them back.
    fn dismiss_migration_notes(&mut self) {
        let notes = std::mem::take(&mut self.migration_notes);
        for snapshot in self.past.iter_mut().chain(self.future.iter_mut()) {
            if Rc::ptr_eq(&snapshot.migration_notes, &notes) {
                snapshot.migration_notes = Rc::default();
            }
        }
    }

    fn pick(&mut self, pointer: Option<String>) {
        self.picks = self.picks.wrapping_add(1);
        self.selected = pointer;
    }

    fn replace(&mut self, plan: Plan, notice: Option<Notice>) {
        self.remember(None);
        self.drafts.clear();
        self.migration_notes = Rc::default();
        // A whole new plan (a preset, a link, a file) supersedes a migration asked for the old
        // one: its answer is dropped quietly, so the new plan's own notice stays.
        self.migrating = None;
        self.set_plan(plan);
        // Kept through other plans: an undo back to the link's plan makes it the link's again.
        if matches!(notice, Some(Notice::Done(NoticeKind::LinkLoaded))) {
            self.link_plan = Some(self.plan.clone());
        }
        self.notice = notice;
    }

    /// Takes an import's merge of the plan. Unlike a whole new plan, it keeps the half-typed
    /// values of the fields it left as they were.
    fn merge(&mut self, plan: Plan) {
        let before = self.document.clone();
        // Taken before `replace`, which remembers the drafts for Undo and then clears them.
        let mut drafts = self.drafts.clone();
        self.replace(plan, Some(Notice::Done(NoticeKind::Imported)));
        drafts.retain(|pointer| untouched(&before, &self.document, pointer));
        self.drafts = drafts;
    }

    fn append(&mut self, list: &str, item: Value) {
        self.change_document(None, |value| set_pointer(value, &format!("{list}/-"), item));
    }

    /// Sets one field, or leaves it out for `null`; returns whether the plan changed.
    fn change_plan_silently(&mut self, pointer: &str, value: Value) -> bool {
        let current = self.document.pointer(pointer);
        if current == Some(&value) || (value.is_null() && current.is_none()) {
            self.taken(pointer);
            return false;
        }
        if let Value::String(text) = &value {
            if self.set_subnet_text(pointer, text) {
                self.taken(pointer);
                return true;
            }
        }
        let mut document = (*self.document).clone();
        // The plan writes an optional field's default by leaving the field out: several such
        // fields (the surge, the plugin, the choices) do not take `null`.
        let set = if value.is_null() {
            remove_pointer(&mut document, pointer).map(drop)
        } else {
            set_pointer(&mut document, pointer, value)
        };
        let changed = set
            .map_err(Message::verbatim)
            .and_then(|()| plan_from_value(&document).map_err(|error| error.message()));
        match changed {
            Ok(plan) => {
                self.set_edited_plan(plan, document, pointer);
                self.taken(pointer);
                true
            }
            Err(detail) => {
                self.refused = Some(Refusal {
                    pointer: pointer.to_owned(),
                    detail: detail.clone(),
                    text: self.drafts.get(pointer).map(str::to_owned),
                });
                self.notice = Some(Notice::Error { headline: NoticeKind::EditRefused, detail });
                false
            }
        }
    }

    /// The plan holds the value of the field at `pointer`: a refusal of its earlier value is
    /// over. One of another field still stands, since that field still shows text not taken.
    fn taken(&mut self, pointer: &str) {
        let refusal_shown = self.notice.as_ref().map(Notice::kind) == Some(NoticeKind::EditRefused);
        if self.refused.as_ref().is_some_and(|refusal| refusal.pointer == pointer) {
            self.refused = None;
            if refusal_shown {
                self.notice = None;
            }
        }
    }

    /// Sets a subnet's name or prefix in the plan and its document directly, without reading the
    /// whole document into a new plan and writing it out again: these are the fields of the one
    /// list that may hold thousands of items, and the plan takes them as any string. Returns
    /// false, changing nothing, when `pointer` is not such a field.
    fn set_subnet_text(&mut self, pointer: &str, text: &str) -> bool {
        let Some((v, s, field)) = subnet_text_field(pointer) else { return false };
        let mut plan = (*self.plan).clone();
        let Some(subnet) = plan.vnets.get_mut(v).and_then(|vnet| vnet.subnets.get_mut(s)) else {
            return false;
        };
        let slot = if field == "name" { &mut subnet.name } else { &mut subnet.address_prefix };
        text.clone_into(slot);
        let mut document = (*self.document).clone();
        if set_pointer(&mut document, pointer, Value::String(text.to_owned())).is_err() {
            return false;
        }
        self.plan = Rc::new(plan);
        self.document = Rc::new(document);
        true
    }

    fn change_document(
        &mut self,
        field: Option<&str>,
        change: impl FnOnce(&mut Value) -> Result<(), String>,
    ) {
        let mut document = (*self.document).clone();
        let changed = change(&mut document)
            .map_err(Message::verbatim)
            .and_then(|()| plan_from_value(&document).map_err(|error| error.message()));
        match changed {
            Ok(plan) => {
                self.remember(field);
                self.set_plan(plan);
            }
            Err(detail) => self.notice = Some(Notice::Error { headline: NoticeKind::EditRefused, detail }),
        }
    }

    /// Saves the current state for undo, unless this edit continues the previous one on the
    /// same field. Returns whether a step was saved.
    fn remember(&mut self, field: Option<&str>) -> bool {
        let continues = field.is_some() && field == self.last_edited.as_deref();
        self.last_edited = field.map(str::to_owned);
        self.future.clear();
        if continues {
            return false;
        }
        let snapshot = self.snapshot();
        self.past.push(snapshot);
        if self.past.len() > HISTORY_LIMIT {
            self.past.remove(0);
        }
        true
    }

    fn snapshot(&self) -> Snapshot {
        Snapshot {
            plan: self.plan.clone(),
            drafts: Rc::new(self.drafts.clone()),
            migration_notes: self.migration_notes.clone(),
        }
    }

    fn restore(&mut self, snapshot: Snapshot) {
        self.drafts = Rc::unwrap_or_clone(snapshot.drafts);
        self.migration_notes = snapshot.migration_notes;
        self.last_edited = None;
        self.set_plan(snapshot.plan);
    }

    /// Takes `plan`, read from `edited`: the current document changed at `pointer` alone. The
    /// plan writes each of its fields and each VNet by itself, so only the field or the VNet that
    /// holds `pointer` can differ from the plan's own document, and the rest is the current
    /// document's, which was the plan's. Writing the plan's other fields and that one VNet, rather
    /// than the whole plan, spares writing and reading back VNets of thousands of subnets.
    fn set_edited_plan(&mut self, mut plan: Plan, mut edited: Value, pointer: &str) {
        let (Some(edited_vnet), Some(Value::Array(mut vnets_document))) =
            (vnet_holding(pointer, plan.vnets.len()), edited.get_mut("vnets").map(Value::take))
        else {
            return self.set_plan(plan);
        };
        if plan == *self.plan {
            return;
        }
        let vnets = std::mem::take(&mut plan.vnets);
        plan.vnets.extend(edited_vnet.and_then(|v| vnets.get(v)).cloned());
        let mut document = document_of(&plan);
        plan.vnets = vnets;
        if let Some(Value::Array(written)) = document.get_mut("vnets") {
            if let Some(slot) = edited_vnet.and_then(|v| vnets_document.get_mut(v)) {
                *slot = written.pop().unwrap_or(Value::Null);
            }
            *written = vnets_document;
        }
        self.document = Rc::new(document);
        self.plan = Rc::new(plan);
    }

    /// Takes `plan` unless it equals the current one; `after` checks it.
    fn set_plan(&mut self, plan: impl Into<Rc<Plan>>) {
        let plan = plan.into();
        if plan != self.plan {
            self.document = Rc::new(document_of(&plan));
            self.plan = plan;
        }
    }

    /// The state an autosave's text describes; `None` when it is not one.
    pub fn from_saved_text(text: &str) -> Option<Self> {
        let saved: Value = serde_json::from_str(text).ok()?;
        let mut state = Self::new(plan_from_value(saved.get("plan")?).ok()?);
        if let Some(drafts) = saved.get("drafts").and_then(Value::as_object) {
            state.drafts = Drafts::from_saved(drafts);
        }
        // Notes saved by an older page, or altered by hand, are left out rather than refusing
        // the plan they came with.
        if let Some(Ok(notes)) = saved.get("migrationNotes").map(Vec::<MigrationNote>::deserialize) {
            state.migration_notes = Rc::new(notes);
        }
        // A reloaded tab still holds a share link's plan unchanged, which it keeps to itself.
        if saved.get("unchangedLink") == Some(&Value::Bool(true)) {
            state.link_plan = Some(state.plan.clone());
        }
        Some(state)
    }
}

/// The plan's value for a surge typed as `text`: `null` (AKS's default) when empty, a node count,
/// or a percentage from 1% to 100%; `None` when it is none of these.
pub fn surge_value(text: &str) -> Option<Value> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Some(Value::Null);
    }
    if let Some(percent) = trimmed.strip_suffix('%') {
        let percent = percent.trim().parse::<u8>().ok().filter(|p| (1..=100).contains(p))?;
        return Some(Value::String(format!("{percent}%")));
    }
    trimmed.parse::<u32>().ok().map(Value::from)
}

/// Where a field at `pointer` lies among a plan's `vnet_count` VNets: `Some(Some(v))` inside VNet
/// `v`, `Some(None)` outside the VNets, and `None` for the list, a whole VNet, or a VNet that is
/// not there.
fn vnet_holding(pointer: &str, vnet_count: usize) -> Option<Option<usize>> {
    let Some(rest) = pointer.strip_prefix("/vnets") else { return Some(None) };
    if !rest.is_empty() && !rest.starts_with('/') {
        return Some(None);
    }
    let (index, field) = rest.strip_prefix('/')?.split_once('/')?;
    let v = pointer_index(index).filter(|v| *v < vnet_count)?;
    (!field.is_empty()).then_some(Some(v))
}

/// The index a JSON pointer's segment writes, which has no sign and no leading zero.
fn pointer_index(segment: &str) -> Option<usize> {
    segment.parse::<usize>().ok().filter(|index| index.to_string() == segment)
}

/// The VNet, the subnet and the field of a pointer to a subnet's name or prefix, with indexes
/// written as a JSON pointer writes them.
fn subnet_text_field(pointer: &str) -> Option<(usize, usize, &str)> {
    let rest = pointer.strip_prefix("/vnets/")?;
    let (v, rest) = rest.split_once("/subnets/")?;
    let (s, field) = rest.split_once('/')?;
    matches!(field, "name" | "addressPrefix").then_some((pointer_index(v)?, pointer_index(s)?, field))
}

/// The plan's JSON document, read back from its text: the page writes plans as text already (to
/// download them and for the migration), and a second serialiser straight to a tree would add
/// its own copy of the plan's serialisation code to the first visit.
fn document_of(plan: &Plan) -> Value {
    serde_json::from_str(&plan.to_json()).unwrap_or(Value::Null)
}

/// The text shown for the value at `pointer` of a plan's document: what a field holds, or what a
/// finding's link names. Lists read as their items joined by commas, the way list fields take them.
pub fn value_text(document: &Value, pointer: &str) -> String {
    match document.pointer(pointer) {
        Some(Value::String(text)) => text.clone(),
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(", "),
        Some(Value::Object(_) | Value::Null) | None => String::new(),
        Some(value) => value.to_string(),
    }
}

/// Lets typing reach the plan at most once per animation frame. The first edit of a frame goes
/// through at once, so a keystroke shows its findings without waiting. Edits that come before
/// the next frame, as when keys are typed faster than a large plan is checked, wait for it and go
/// through together, checked once: the field shows every key as typed meanwhile.
///
/// Every action of the page passes through it, so that an undo, a removal, a loaded link or
/// leaving the page comes after the keys typed before it; a click sends the waiting keys first
/// (see `App`), so that what a button downloads, shares or exports holds them too.
#[derive(Default)]
pub struct FrameGate {
    /// An edit went through since the last frame.
    busy: bool,
    waiting: Vec<(String, Edit)>,
}

impl FrameGate {
    pub fn send(gate: &Rc<RefCell<Self>>, dispatch: &Callback<Action>, action: Action) {
        let mut this = gate.borrow_mut();
        match action {
            Action::Edit { pointer, edit } if this.busy => match this.waiting.last_mut() {
                // The text typed last into a field holds the keys typed before it.
                Some((last, waiting)) if *last == pointer => *waiting = edit,
                _ => this.waiting.push((pointer, edit)),
            },
            Action::Edit { .. } => {
                this.busy = true;
                drop(this);
                dispatch.emit(action);
                Self::reopen_next_frame(gate.clone(), dispatch.clone());
            }
            other => {
                drop(this);
                Self::flush(gate, dispatch);
                dispatch.emit(other);
            }
        }
    }

    /// Sends the edits waiting for the next frame now, and says whether there were any.
    pub fn flush(gate: &RefCell<Self>, dispatch: &Callback<Action>) -> bool {
        let waiting = std::mem::take(&mut gate.borrow_mut().waiting);
        let any = !waiting.is_empty();
        if any {
            dispatch.emit(Action::Edits(waiting));
        }
        any
    }

    fn reopen_next_frame(gate: Rc<RefCell<Self>>, dispatch: Callback<Action>) {
        dom::on_next_frame(move || {
            if Self::flush(&gate, &dispatch) {
                Self::reopen_next_frame(gate, dispatch);
            } else {
                gate.borrow_mut().busy = false;
            }
        });
    }
}

const AUTOSAVE_KEY: &str = "vnetplan.autosave.v1";
/// How long typing must pause before the plan is saved: serialising and storing a large plan on
/// every keystroke would make typing lag.
const AUTOSAVE_DELAY_MS: u32 = 400;

/// A state as the autosave writes it: the plan's document, the drafts, and the last migration's
/// notes, which say what is left to do in Azure and cannot be made again from the migrated plan.
#[derive(Clone)]
struct Unsaved {
    document: Rc<Value>,
    drafts: Drafts,
    migration_notes: Rc<Vec<MigrationNote>>,
    /// Kept for this tab only: the plan is a share link's, unchanged (see [`State::is_unchanged_link`]).
    tab_only: bool,
}

impl Unsaved {
    fn of(state: &State) -> Self {
        Self {
            document: state.document.clone(),
            drafts: state.drafts.clone(),
            migration_notes: state.migration_notes.clone(),
            tab_only: state.is_unchanged_link(),
        }
    }

    /// Whether both would write the same text. Every change makes a new document or new notes,
    /// so comparing their addresses is enough, and costs nothing on a large plan.
    fn same_as(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.document, &other.document)
            && Rc::ptr_eq(&self.migration_notes, &other.migration_notes)
            && self.drafts == other.drafts
            && self.tab_only == other.tab_only
    }

    /// The autosave's text, so a reload keeps half-typed values and the notes. Written around
    /// the document rather than through a new JSON tree, which would copy a large plan first.
    fn text(&self) -> String {
        let drafts = serde_json::to_string(&self.drafts).unwrap_or_else(|_| "{}".to_owned());
        let notes = serde_json::to_string(&*self.migration_notes).unwrap_or_else(|_| "[]".to_owned());
        let link = if self.tab_only { r#","unchangedLink":true"# } else { "" };
        format!(r#"{{"drafts":{drafts},"migrationNotes":{notes},"plan":{}{link}}}"#, self.document)
    }
}

/// What each of the browser's storages holds as far as this page knows (what it read from them
/// or wrote to them last), and what waits for typing to pause.
#[derive(Default)]
struct Saves {
    waiting: Option<Unsaved>,
    tab: Option<Unsaved>,
    site: Option<Unsaved>,
}

impl Saves {
    /// What the storages hold once the page opened with `restored`.
    fn after_restoring(restored: Option<&Restored>) -> Self {
        let Some(restored) = restored else { return Self::default() };
        let known = Unsaved::of(&restored.state);
        Self {
            waiting: None,
            tab: matches!(restored.from, Storage::Tab).then(|| known.clone()),
            site: Some(known),
        }
    }

    /// What to write for `state`, and where. Each tab keeps its own plan for its reloads, and the
    /// site keeps the plan changed last for the tabs opened next; a share link's plan, until it
    /// is changed, only the former. A storage is written only with a state other than the one
    /// this page knows it holds: a tab that is reloaded, or hidden, without a change must not
    /// write its plan over one that another tab saved since.
    fn writes(&mut self, state: Unsaved) -> Vec<(Storage, String)> {
        let stale = |known: &Option<Unsaved>| !known.as_ref().is_some_and(|known| known.same_as(&state));
        let to_tab = stale(&self.tab);
        let to_site = !state.tab_only && stale(&self.site);
        let text = if to_tab || to_site { state.text() } else { return Vec::new() };
        let mut writes = Vec::with_capacity(2);
        if to_site {
            writes.push((Storage::Site, text.clone()));
            self.site = Some(state.clone());
        }
        if to_tab {
            writes.push((Storage::Tab, text));
            self.tab = Some(state);
        }
        writes
    }

    fn write(&mut self, state: Unsaved) {
        for (storage, text) in self.writes(state) {
            dom::store_in(storage, AUTOSAVE_KEY, &text);
        }
    }

    /// Saves the work that waits for typing to pause when `next`, a share link opened in this
    /// tab, takes the plan out of the site's save: new tabs would open with older work.
    fn before(&mut self, next: &Unsaved) {
        if next.tab_only {
            if let Some(waiting) = self.waiting.take().filter(|waiting| !waiting.tab_only) {
                self.write(waiting);
            }
        }
    }
}

/// A plan read back from the browser's storage, and which storage held it.
pub struct Restored {
    pub state: State,
    from: Storage,
}

/// The plan saved in the browser. A change is saved once typing pauses; each change replaces the
/// one waiting. When the page is hidden or left, the state as it is then is saved at once, so a
/// reload or a closed tab loses nothing.
pub struct Autosave {
    saves: Rc<RefCell<Saves>>,
    /// The page's state, as of the last change scheduled: cloning it reads the state as it is
    /// at that moment, and keeping it holds no older state than the page itself holds.
    state: Rc<RefCell<Option<UseReducerHandle<State>>>>,
    timer: RefCell<Option<Timeout>>,
    _listeners: [Option<EventListener>; 2],
}

impl Autosave {
    /// Starts saving. Leaving or hiding the page saves the state as it is at that moment, not
    /// as the last render left it: the render after a change, and the effect that schedules its
    /// save, may come in a later task than the page's leaving. Keys still held by `gate` go to
    /// `dispatch` first, since a hidden page gets no frame to send them.
    ///
    /// `restored` is what the page opened with from the browser's storage: the storage it came
    /// from holds it already. A tab's own plan came from a save that the site held too, or has
    /// since replaced with a newer plan, which the tab must not overwrite unchanged.
    pub fn start(
        gate: Rc<RefCell<FrameGate>>,
        dispatch: Callback<Action>,
        restored: Option<&Restored>,
    ) -> Self {
        let saves = Rc::new(RefCell::new(Saves::after_restoring(restored)));
        let state: Rc<RefCell<Option<UseReducerHandle<State>>>> = Rc::default();
        let on_leave = |event: &'static str, only_when_hidden: bool| {
            let (saves, state, gate, dispatch) =
                (saves.clone(), state.clone(), gate.clone(), dispatch.clone());
            dom::on_window(event, move || {
                if !only_when_hidden || dom::is_hidden() {
                    FrameGate::flush(&gate, &dispatch);
                    let Some(now) = state.borrow().clone() else { return };
                    let now = Unsaved::of(&now);
                    let mut saves = saves.borrow_mut();
                    saves.before(&now);
                    saves.waiting = None;
                    saves.write(now);
                }
            })
        };
        let listeners = [on_leave("pagehide", false), on_leave("visibilitychange", true)];
        Self { saves, state, timer: RefCell::new(None), _listeners: listeners }
    }

    /// The saved plan, if there is one that can be read: this tab's own, kept across its
    /// reloads while other tabs saved theirs, else the one saved last on the site.
    pub fn restore() -> Option<Restored> {
        let saved = |from| {
            let state = State::from_saved_text(&dom::stored_in(from, AUTOSAVE_KEY)?)?;
            Some(Restored { state, from })
        };
        saved(Storage::Tab).or_else(|| saved(Storage::Site))
    }

    pub fn schedule(&self, state: &UseReducerHandle<State>) {
        let next = Unsaved::of(state);
        let mut saves = self.saves.borrow_mut();
        saves.before(&next);
        saves.waiting = Some(next);
        drop(saves);
        *self.state.borrow_mut() = Some(state.clone());
        let saves = self.saves.clone();
        // Replacing the timer cancels the one before it.
        *self.timer.borrow_mut() = Some(Timeout::new(AUTOSAVE_DELAY_MS, move || {
            let mut saves = saves.borrow_mut();
            if let Some(waiting) = saves.waiting.take() {
                saves.write(waiting);
            }
        }));
    }
}

/// Whether the field at `pointer` is the same in both documents: the same value, in items of
/// the same name at each level, so that a draft is not moved onto another item whose field
/// happens to hold the same value after a merge added items before it.
fn untouched(before: &Value, after: &Value, pointer: &str) -> bool {
    let same = |at: &str| before.pointer(at) == after.pointer(at);
    same(pointer)
        && pointer.match_indices('/').all(|(end, _)| {
            let item = &pointer[..end];
            let is_list_item = item.rsplit('/').next().is_some_and(|last| last.parse::<usize>().is_ok());
            !is_list_item || same(&format!("{item}/name"))
        })
}

/// The list and the index of a pointer to a list's item, as `/vnets/0/subnets` and 2 for
/// `/vnets/0/subnets/2`.
fn list_item(pointer: &str) -> Option<(&str, usize)> {
    let (list, index) = pointer.rsplit_once('/')?;
    Some((list, index.parse().ok()?))
}

/// A field of the item nearest to the one removed at `removed`: the item before it, else the one
/// now in its place, else the item that held the list. A field is the item itself when it is a
/// text (a VNet's prefix), else its name.
fn field_near_removed(document: &Value, removed: &str) -> Option<String> {
    let (list, index) = list_item(removed)?;
    let field_of = |item: String| match document.pointer(&item)? {
        Value::String(_) => Some(item),
        Value::Object(fields) if fields.contains_key("name") => Some(format!("{item}/name")),
        _ => None,
    };
    let before = index.checked_sub(1).map(|before| format!("{list}/{before}"));
    before
        .and_then(field_of)
        .or_else(|| field_of(format!("{list}/{index}")))
        .or_else(|| list.rsplit_once('/').and_then(|(holder, _)| field_of(holder.to_owned())))
}

/// Drafts re-keyed after the list item at `removed` is gone: the item's own drafts go with it,
/// and those of the items after it follow them to their new index.
fn drafts_after_removal(drafts: &Drafts, removed: &str) -> Drafts {
    let Some((list, index)) = list_item(removed) else { return drafts.clone() };
    drafts
        .iter()
        .filter_map(|(key, text)| {
            let Some(rest) = key.strip_prefix(list).and_then(|rest| rest.strip_prefix('/')) else {
                return Some((key.to_owned(), text.to_owned()));
            };
            let (item, tail) = rest.split_once('/').map_or((rest, ""), |(item, tail)| (item, tail));
            match item.parse::<usize>() {
                Ok(i) if i == index => None,
                Ok(i) if i > index => {
                    let separator = if tail.is_empty() { "" } else { "/" };
                    Some((format!("{list}/{}{separator}{tail}", i - 1), text.to_owned()))
                }
                _ => Some((key.to_owned(), text.to_owned())),
            }
        })
        .collect()
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(self.after(action))
    }
}

#[cfg(test)]
mod tests {
    use vnetplan_core::{parse_plan, Lang, RuleId};

    use super::*;
    use crate::presets::Preset;

    fn state() -> State {
        State::new(parse_plan(include_str!("../../examples/default-aks.json")).expect("example parses"))
    }

    /// What the on-demand module answers for `request`: the core's own migration, with each
    /// note in both languages, as `extras::migrate` assembles it.
    fn module_answer(request: &Migrating) -> Migrated {
        let (plan, notes) = vnetplan_core::migrate(&request.input().expect("the cluster exists"));
        let notes = notes
            .into_iter()
            .map(|note| MigrationNote {
                code: note.code.to_owned(),
                messages: [note.text.render(Lang::En), note.text.render(Lang::Fr)],
                subjects: note.subjects,
            })
            .collect();
        Migrated { plan, notes }
    }

    /// `state` after asking for a migration and receiving the module's answer.
    fn migrated(state: &State, cluster: Option<usize>) -> State {
        let asked = state.after(Action::Migrate { cluster });
        let request = asked.migrating.clone().expect("the migration is asked for");
        let answer = Ok(Box::new(module_answer(&request)));
        let done = asked.after(Action::Migrated { request, answer });
        assert_eq!(done.migrating, None);
        done
    }

    fn edit(state: &State, pointer: &str, edit: Edit) -> State {
        state.after(Action::Edit { pointer: pointer.to_owned(), edit })
    }

    fn written_to(saves: &mut Saves, state: &State) -> Vec<Storage> {
        saves.writes(Unsaved::of(state)).into_iter().map(|(storage, _)| storage).collect()
    }

    #[test]
    fn each_storage_is_written_only_with_a_state_it_does_not_hold() {
        let mine = edit(&state(), "/name", Edit::Text("mine".into()));
        let mut saves = Saves::default();
        assert_eq!(written_to(&mut saves, &mine), [Storage::Site, Storage::Tab]);
        assert!(written_to(&mut saves, &mine).is_empty());

        let link = Some(Notice::Done(NoticeKind::LinkLoaded));
        let linked = mine.after(Action::Replace { plan: Box::new(Preset::Aci.plan()), notice: link });
        assert_eq!(written_to(&mut saves, &linked), [Storage::Tab]);
        let changed = edit(&linked, "/region", Edit::Text("westeurope".into()));
        assert_eq!(written_to(&mut saves, &changed), [Storage::Site, Storage::Tab]);
        // Back to the link's plan by a preset and an undo, it is the link's plan again.
        let preset =
            linked.after(Action::Replace { plan: Box::new(Preset::DefaultAks.plan()), notice: None });
        assert!(preset.after(Action::Undo).is_unchanged_link());
    }

    #[test]
    fn a_restored_plan_is_not_written_back_unchanged_where_it_came_from() {
        let mine = edit(&state(), "/name", Edit::Text("mine".into()));
        let text = Unsaved::of(&mine).text();
        let reloaded = || State::from_saved_text(&text).expect("the autosave reads back");

        let state = reloaded();
        let restored = Restored { state: state.clone(), from: Storage::Tab };
        let mut saves = Saves::after_restoring(Some(&restored));
        assert!(written_to(&mut saves, &state).is_empty(), "a reloaded tab rewrote the site's newer plan");

        let state = reloaded();
        let restored = Restored { state: state.clone(), from: Storage::Site };
        let mut saves = Saves::after_restoring(Some(&restored));
        assert_eq!(written_to(&mut saves, &state), [Storage::Tab]);
        let changed = edit(&state, "/region", Edit::Text("westeurope".into()));
        assert_eq!(written_to(&mut saves, &changed), [Storage::Site, Storage::Tab]);
    }

    #[test]
    fn a_share_links_plan_is_kept_for_its_tab_alone_until_it_is_changed() {
        let mine = edit(&state(), "/name", Edit::Text("my own work".into()));
        let link = Some(Notice::Done(NoticeKind::LinkLoaded));
        let linked = mine.after(Action::Replace { plan: Box::new(Preset::Aci.plan()), notice: link });
        assert!(linked.is_unchanged_link());
        assert!(!mine.is_unchanged_link());
        let saved = Unsaved::of(&linked);
        assert!(saved.tab_only);
        assert!(!Unsaved::of(&mine).tab_only);

        let reloaded = State::from_saved_text(&saved.text()).expect("the autosave reads back");
        assert!(reloaded.is_unchanged_link());
        let changed = edit(&reloaded, "/name", Edit::Text("now my own".into()));
        assert!(!Unsaved::of(&changed).tab_only);
        assert!(Unsaved::of(&changed.after(Action::Undo)).tab_only);

        let preset = mine.after(Action::Replace { plan: Box::new(Preset::Aci.plan()), notice: None });
        assert!(!preset.is_unchanged_link());
    }

    #[test]
    fn the_autosave_keeps_the_plan_and_what_waits_in_its_fields() {
        let count = Edit::Count { text: "12x".into(), min: 1, nullable: false };
        let typed = edit(&state(), "/vnets/0/subnets/1/addressPrefix", Edit::Text("10.9.0.0/24".into()));
        let typed = edit(&typed, "/aksClusters/0/nodeCount", count);
        let text = Unsaved::of(&typed).text();
        let read: Value = serde_json::from_str(&text).expect("the autosave is JSON");
        assert_eq!(read, json!({ "plan": *typed.document, "drafts": typed.drafts, "migrationNotes": [] }));
        let restored = State::from_saved_text(&text).expect("the autosave reads back");
        assert_eq!(restored.plan, typed.plan);
        assert_eq!(restored.drafts, typed.drafts);
        assert_eq!(State::from_saved_text("{\"plan\": 1}"), None);
    }

    #[test]
    fn values_read_as_their_fields_show_them() {
        let start = state();
        assert_eq!(value_text(&start.document, "/aksClusters/0/nodeCount"), "3");
        assert_eq!(
            value_text(&start.document, "/vnets/0/addressPrefixes"),
            start.plan.vnets[0].address_prefixes.join(", ")
        );
        assert_eq!(value_text(&start.document, "/aksClusters/0/podCidr"), "");
        assert_eq!(value_text(&start.document, "/vnets/0"), "");
        assert_eq!(value_text(&start.document, "/nowhere"), "");
    }

    fn rules(state: &State) -> Vec<RuleId> {
        state.report.findings.iter().map(|f| f.rule).collect()
    }

    #[test]
    fn typing_a_conflict_rechecks_at_once() {
        let next = edit(&state(), "/vnets/0/subnets/1/addressPrefix", Edit::Text("10.1.0.0/24".into()));
        assert!(rules(&next).contains(&RuleId::OverlappingSubnets));
        assert!(next
            .report
            .findings
            .iter()
            .any(|f| f.subjects.iter().any(|s| s == "/vnets/0/subnets/1/addressPrefix")));
    }

    #[test]
    fn edits_of_one_frame_apply_in_order_as_one_check() {
        let prefix = "/vnets/0/subnets/1/addressPrefix";
        let count = Edit::Count { text: "4".into(), min: 1, nullable: false };
        let edits = vec![
            (prefix.to_owned(), Edit::Text("10.1.".into())),
            (prefix.to_owned(), Edit::Text("10.1.0.0/24".into())),
            ("/aksClusters/0/nodeCount".to_owned(), count),
        ];
        let together = state().after(Action::Edits(edits.clone()));
        let one_by_one =
            edits.into_iter().fold(state(), |state, (pointer, change)| edit(&state, &pointer, change));
        assert_eq!(together.plan, one_by_one.plan);
        assert_eq!(together.report, one_by_one.report);
        assert!(rules(&together).contains(&RuleId::OverlappingSubnets));
        assert_eq!(together.plan.aks_clusters[0].node_count, 4);
        assert_eq!(together.after(Action::Undo).after(Action::Undo).plan, state().plan);
    }

    #[test]
    fn a_subnet_field_set_directly_reads_as_through_the_document() {
        let start = state();
        for (pointer, text) in [
            ("/vnets/0/subnets/1/addressPrefix", "10.1.0.0/24"),
            ("/vnets/0/subnets/0/name", " spaced <name> "),
            ("/vnets/0/subnets/1/addressPrefix", ""),
        ] {
            let direct = edit(&start, pointer, Edit::Text(text.into()));
            let mut document = (*start.document).clone();
            set_pointer(&mut document, pointer, json!(text)).expect("the field exists");
            let through = plan_from_value(&document).expect("the document is a plan");
            assert_eq!(*direct.plan, through, "{pointer}");
            assert_eq!(*direct.document, document_of(&through), "{pointer}");
            assert_eq!(direct.report, Rc::new(check(&through)), "{pointer}");
        }
        assert_eq!(subnet_text_field("/vnets/0/subnets/12/name"), Some((0, 12, "name")));
        for other in [
            "/vnets/0/subnets/01/name",
            "/vnets/0/subnets/1/delegations",
            "/vnets/0/name",
            "/vnets/x/subnets/1/name",
        ] {
            assert_eq!(subnet_text_field(other), None, "{other}");
        }
        let beyond = edit(&start, "/vnets/0/subnets/9/name", Edit::Text("x".into()));
        assert_eq!(beyond.plan, start.plan, "a subnet that is not there is not made");
    }

    #[test]
    fn an_edit_leaves_the_document_the_plan_itself_writes() {
        let two_vnets = {
            let mut plan = state().plan.as_ref().clone();
            let mut second = plan.vnets[0].clone();
            second.name = "second".into();
            second.address_prefixes = vec!["10.9.0.0/16".into()];
            second.subnets.iter_mut().for_each(|subnet| subnet.address_prefix = "10.9.0.0/24".into());
            plan.vnets.push(second);
            State::new(plan)
        };
        let optional = |text: &str| Edit::OptionalText(text.into());
        let count = |text: &str| Edit::Count { text: text.into(), min: 1, nullable: true };
        let mut edited = two_vnets;
        for (pointer, change) in [
            ("/vnets/1/resourceGroup", Edit::Text("spoke-rg".into())),
            ("/vnets/0/region", optional("westeurope")),
            ("/vnets/0/region", optional("")),
            ("/vnets/1/peerings", Edit::List("mynetwork".into())),
            (
                "/vnets/1/subnets/0/delegations",
                Edit::List("Microsoft.ContainerInstance/containerGroups".into()),
            ),
            // An empty list is set in the edited document, and left out of what the plan writes.
            ("/vnets/1/peerings", Edit::List(String::new())),
            ("/vnets/1/subnets/0/delegations", Edit::List(" , ".into())),
            ("/vnets/0/addressPrefixes", Edit::List("10.1.0.0/16, 10.3.0.0/16".into())),
            ("/name", Edit::Text(String::new())),
            ("/workspace/resourceGroup", Edit::Text("other-rg".into())),
            ("/aksClusters/0/nodeCount", count("5")),
            ("/aksClusters/0/maxSurge", count("2")),
            ("/aksClusters/0/maxSurge", count("")),
        ] {
            let before = edited.document.clone();
            edited = edit(&edited, pointer, change);
            assert_ne!(edited.document, before, "{pointer} changed the plan");
            assert_eq!(*edited.document, document_of(&edited.plan), "{pointer}");
        }
        assert_eq!(vnet_holding("/vnets/1/name", 2), Some(Some(1)));
        assert_eq!(vnet_holding("/workspace/resourceGroup", 2), Some(None));
        for whole in ["/vnets", "/vnets/1", "/vnets/2/name", "/vnets/01/name", "/vnets/-/name"] {
            assert_eq!(vnet_holding(whole, 2), None, "{whole}");
        }
    }

    #[test]
    fn an_invalid_count_is_kept_as_typed_and_the_plan_keeps_its_value() {
        let count = |text: &str| Edit::Count { text: text.into(), min: 1, nullable: false };
        let next = edit(&state(), "/aksClusters/0/nodeCount", count("3a"));
        assert_eq!(next.draft("/aksClusters/0/nodeCount"), Some("3a"));
        assert_eq!(next.plan.aks_clusters[0].node_count, 3);
        let fixed = edit(&next, "/aksClusters/0/nodeCount", count("5"));
        assert_eq!(fixed.draft("/aksClusters/0/nodeCount"), None);
        assert_eq!(fixed.plan.aks_clusters[0].node_count, 5);
    }

    #[test]
    fn a_surge_is_a_node_count_a_percentage_or_the_default() {
        let pointer = "/aksClusters/0/maxSurge";
        let surge = |state: &State, text: &str| edit(state, pointer, Edit::Surge(text.into()));
        let percent = surge(&state(), "33 %");
        assert_eq!(percent.document.pointer(pointer), Some(&json!("33%")));
        let nodes = surge(&percent, "2");
        assert_eq!(nodes.document.pointer(pointer), Some(&json!(2)));
        let typo = surge(&nodes, "2x");
        assert_eq!(typo.draft(pointer), Some("2x"));
        assert_eq!(typo.document.pointer(pointer), Some(&json!(2)));
        assert_eq!(surge(&typo, "101%").draft(pointer), Some("101%"));
        let default = surge(&typo, "");
        assert_eq!(default.document.pointer(pointer), None);
        assert_eq!(default.draft(pointer), None);
    }

    #[test]
    fn lists_keep_the_text_as_typed() {
        let pointer = "/vnets/0/subnets/1/delegations";
        let next =
            edit(&state(), pointer, Edit::List("Microsoft.ContainerInstance/containerGroups, ".into()));
        assert_eq!(next.draft(pointer), Some("Microsoft.ContainerInstance/containerGroups, "));
        assert_eq!(
            next.plan.vnets[0].subnets[1].delegations,
            ["Microsoft.ContainerInstance/containerGroups"]
        );
    }

    #[test]
    fn typing_into_one_field_is_one_undo_step() {
        let start = state();
        let mut typed = start.clone();
        for text in ["1", "10", "10.", "10.9.0.0/24"] {
            typed = edit(&typed, "/vnets/0/subnets/1/addressPrefix", Edit::Text(text.into()));
        }
        let undone = typed.after(Action::Undo);
        assert_eq!(undone.plan, start.plan);
        assert!(!undone.can_undo());
        let redone = undone.after(Action::Redo);
        assert_eq!(redone.plan.vnets[0].subnets[1].address_prefix, "10.9.0.0/24");
    }

    #[test]
    fn a_document_read_back_from_text_is_the_plan_serialised_straight_to_a_tree() {
        let examples = [
            include_str!("../../examples/v2/private-spoke-k8s.json"),
            include_str!("../../examples/broken/sdk-default-service-cidr.json"),
        ];
        let plans = Preset::ALL
            .iter()
            .map(|preset| preset.plan())
            .chain(examples.iter().map(|text| parse_plan(text).expect("the examples are plans")));
        for plan in plans {
            let straight = serde_json::to_value(&plan).expect("a plan serialises");
            assert_eq!(document_of(&plan), straight, "{}", plan.name);
            assert_ne!(straight, Value::Null);
        }
    }

    #[test]
    fn an_import_replaces_only_the_plan_it_was_merged_into() {
        let start = state();
        let merged = Preset::PrivateAks.plan();
        let imported =
            start.after(Action::Imported { from: start.document.clone(), plan: Box::new(merged.clone()) });
        assert_eq!(*imported.plan, merged);
        assert_eq!(imported.notice, Some(Notice::Done(NoticeKind::Imported)));
        assert_eq!(imported.after(Action::Undo).plan, start.plan);

        // The dialog was closed and the plan renamed while the import ran: the rename stays.
        let renamed = edit(&start, "/name", Edit::Text("renamed meanwhile".into()));
        let late =
            renamed.after(Action::Imported { from: start.document.clone(), plan: Box::new(merged.clone()) });
        assert_eq!(late.plan, renamed.plan);
        assert_eq!(late.notice, Some(Notice::Done(NoticeKind::ImportOutdated)));
        // Undone back to the plan it was merged into, the plan takes the import again.
        let undone = renamed.after(Action::Undo);
        let again =
            undone.after(Action::Imported { from: start.document.clone(), plan: Box::new(merged.clone()) });
        assert_eq!(*again.plan, merged);
    }

    #[test]
    fn an_import_keeps_the_half_typed_values_of_the_fields_it_left_as_they_were() {
        let count = Edit::Count { text: "1x".into(), min: 1, nullable: false };
        let start = edit(&state(), "/aksClusters/0/nodeCount", count);
        assert_eq!(start.drafts.get("/aksClusters/0/nodeCount"), Some("1x"));
        let merged_with = |change: fn(&mut Plan)| {
            let mut merged = (*start.plan).clone();
            change(&mut merged);
            start.after(Action::Imported { from: start.document.clone(), plan: Box::new(merged) })
        };

        let elsewhere = merged_with(|plan| plan.vnets[0].subnets[0].name = "imported".into());
        assert_eq!(elsewhere.notice, Some(Notice::Done(NoticeKind::Imported)));
        assert_eq!(elsewhere.drafts, start.drafts);
        assert_eq!(elsewhere.after(Action::Undo).drafts, start.drafts);

        let there = merged_with(|plan| plan.aks_clusters[0].node_count = 5);
        assert!(there.drafts.is_empty(), "{:?}", there.drafts);
        assert_eq!(there.after(Action::Undo).drafts, start.drafts);
    }

    #[test]
    fn a_draft_stays_with_its_item_only() {
        let before = json!({ "aksClusters": [{ "name": "a", "nodeCount": 3 }] });
        let shifted =
            json!({ "aksClusters": [{ "name": "new", "nodeCount": 3 }, { "name": "a", "nodeCount": 3 }] });
        let renamed = json!({ "aksClusters": [{ "name": "a", "nodeCount": 5 }] });
        assert!(untouched(&before, &before, "/aksClusters/0/nodeCount"));
        assert!(!untouched(&before, &shifted, "/aksClusters/0/nodeCount"));
        assert!(!untouched(&before, &renamed, "/aksClusters/0/nodeCount"));
    }

    #[test]
    fn a_refused_value_is_said_until_its_field_holds_one_the_plan_takes() {
        let plugin = "/aksClusters/0/networkPlugin";
        let refused = edit(&state(), plugin, Edit::Value(json!("bogus")));
        assert_eq!(refused.notice.as_ref().map(Notice::kind), Some(NoticeKind::EditRefused));
        // The field is told why, beside it, for as long as it waits.
        let refusal = refused.refused.clone().expect("the refusal is kept for its field");
        assert_eq!(refusal.pointer, plugin);
        let detail = refusal.detail.render(Lang::En);
        assert!(detail.starts_with(plugin) && detail.contains("bogus"), "{detail}");
        // Another field's edit leaves the refusal standing: the first field still waits.
        let elsewhere = edit(&refused, "/name", Edit::Text("another name".into()));
        assert_eq!(elsewhere.plan.name, "another name");
        assert_eq!(elsewhere.notice.as_ref().map(Notice::kind), Some(NoticeKind::EditRefused));
        assert_eq!(elsewhere.refused, refused.refused);
        let taken = edit(&elsewhere, plugin, Edit::Value(json!("kubenet")));
        assert_eq!(taken.notice, None);
        assert_eq!(taken.refused, None);
        // Back to the value the plan held: nothing changes, and the refusal is over too.
        let unchanged = edit(
            &refused,
            plugin,
            Edit::Value(refused.document.pointer(plugin).cloned().unwrap_or(Value::Null)),
        );
        assert_eq!(unchanged.notice, None);
        assert_eq!(unchanged.plan, refused.plan);
    }

    #[test]
    fn a_refusal_remembers_the_text_refused_so_that_undo_does_not_show_it_beside_other_text() {
        let ports = "/workspace/managedNetwork/outboundRules/0/ports";
        let mut start = state();
        let rule = json!({"isolationMode": "allowOnlyApprovedOutbound",
                          "outboundRules": [{"name": "pypi", "type": "fqdn", "destination": "pypi.org"}]});
        start = edit(&start, "/workspace/managedNetwork", Edit::Value(rule));
        let accepted = edit(&start, ports, Edit::List("443".into()));
        let other = edit(&accepted, "/name", Edit::Text("elsewhere".into()));
        let refused = edit(&other, ports, Edit::List("443, 99999".into()));
        let refusal = refused.refused.clone().expect("the ports are refused");
        assert_eq!(refusal.text.as_deref(), Some("443, 99999"));
        assert_eq!(refused.drafts.get(ports), refusal.text.as_deref());
        // Undo brings back the accepted text: the refusal stays recorded but no longer matches it.
        let undone = refused.after(Action::Undo);
        assert_eq!(undone.drafts.get(ports), Some("443"));
        assert_ne!(undone.drafts.get(ports), undone.refused.as_ref().and_then(|r| r.text.as_deref()));
    }

    #[test]
    fn a_removal_picks_a_field_of_the_nearest_item_left() {
        let start = state();
        let removed =
            |state: &State, pointer: &str| state.after(Action::Remove { pointer: pointer.to_owned() });
        let last_subnet = removed(&start, "/vnets/0/subnets/1");
        assert_eq!(last_subnet.selected.as_deref(), Some("/vnets/0/subnets/0/name"));
        let first_subnet = removed(&start, "/vnets/0/subnets/0");
        assert_eq!(first_subnet.selected.as_deref(), Some("/vnets/0/subnets/0/name"));
        let only_subnet = removed(&first_subnet, "/vnets/0/subnets/0");
        assert_eq!(only_subnet.selected.as_deref(), Some("/vnets/0/name"));
        let cluster = removed(&start, "/aksClusters/0");
        assert_eq!(cluster.selected.as_deref(), Some("/name"));
        let with_prefix = start.after(Action::Add(NewItem::Prefix { vnet: 0 }));
        let prefix = removed(&with_prefix, "/vnets/0/addressPrefixes/1");
        assert_eq!(prefix.selected.as_deref(), Some("/vnets/0/addressPrefixes/0"));
        let nothing = removed(&start, "/vnets/0/subnets/7");
        assert_eq!(nothing.selected, None, "a removal that removed nothing picks nothing");
    }

    #[test]
    fn fixes_apply_and_undo() {
        let broken = edit(&state(), "/aksClusters/0/serviceCidr", Edit::Text("10.1.0.0/16".into()));
        let finding = broken
            .report
            .findings
            .iter()
            .find(|f| f.rule == RuleId::ServiceCidrOverlapsSubnet)
            .expect("the conflict is found")
            .clone();
        let fixed = broken.after(Action::ApplyFix(finding.fix.expect("it has a fix")));
        assert!(!rules(&fixed).contains(&RuleId::ServiceCidrOverlapsSubnet));
        assert_eq!(fixed.notice, Some(Notice::Done(NoticeKind::FixApplied)));
        assert_eq!(fixed.typing_in(), None, "after a fix, Ctrl+Z undoes the fix, not the last typing");
        assert_eq!(broken.typing_in(), Some("/aksClusters/0/serviceCidr"));
        assert_eq!(fixed.after(Action::Undo).plan, broken.plan);
    }

    #[test]
    fn a_new_release_is_said_until_dismissed_whatever_the_plan_goes_through() {
        let told = state().after(Action::NewRelease);
        let broken = edit(&told, "/aksClusters/0/serviceCidr", Edit::Text("10.1.0.0/16".into()));
        let fix = broken.report.findings.iter().find_map(|f| f.fix.clone()).expect("a finding has a fix");
        let fixed = broken.after(Action::ApplyFix(fix));
        assert_eq!(fixed.notice, Some(Notice::Done(NoticeKind::FixApplied)));
        let dismissed = fixed.after(Action::Dismiss);
        let undone = dismissed.after(Action::Undo).after(Action::Undo);
        let replaced = undone.after(Action::Replace { plan: Box::new(Preset::Aci.plan()), notice: None });
        for later in [&broken, &fixed, &dismissed, &undone, &replaced] {
            assert!(later.new_release);
        }
        assert!(!replaced.after(Action::DismissNewRelease).new_release);
    }

    #[test]
    fn the_pod_subnet_field_moves_the_pods_out_of_the_node_subnet_and_back() {
        let start = state();
        let pods = edit(&start, "/aksClusters/0/podSubnet", Edit::OptionalText("default".into()));
        assert_eq!(pods.plan.aks_clusters[0].pod_subnet.as_deref(), Some("default"));
        assert_eq!(pods.report.capacity[0].per_node, 1);
        assert_eq!(start.report.capacity[0].per_node, 31);
        let cleared = edit(&pods, "/aksClusters/0/podSubnet", Edit::OptionalText(String::new()));
        assert_eq!(cleared.plan.aks_clusters[0].pod_subnet, None);
        assert_eq!(cleared.plan, start.plan);
    }

    #[test]
    fn adding_and_removing_items() {
        let start = state();
        let added = start.after(Action::Add(NewItem::Subnet { vnet: 0 }));
        assert_eq!(added.plan.vnets[0].subnets.len(), 3);
        assert_eq!(added.plan.vnets[0].subnets[2].address_prefix, "10.1.5.0/24");
        let with_cluster = added.after(Action::Add(NewItem::Cluster));
        assert_eq!(with_cluster.plan.aks_clusters.len(), 2);
        assert!(!rules(&with_cluster).contains(&RuleId::ServiceCidrOverlapsSubnet));
        let removed = added.after(Action::Remove { pointer: "/vnets/0/subnets/2".into() });
        assert_eq!(removed.plan, start.plan);
    }

    #[test]
    fn a_subnet_added_from_the_map_is_chosen_and_one_refused_chooses_nothing() {
        let at = |first: [u8; 4]| Action::Add(NewItem::SubnetAt { vnet: 0, first: first.into(), len: 27 });
        let added = state().after(at([10, 1, 9, 0]));
        assert_eq!(added.plan.vnets[0].subnets[2].address_prefix, "10.1.9.0/27");
        assert_eq!(added.selected.as_deref(), Some("/vnets/0/subnets/2/addressPrefix"));
        let no_vnet =
            state().after(Action::Add(NewItem::SubnetAt { vnet: 7, first: [10, 1, 9, 0].into(), len: 27 }));
        assert_eq!(no_vnet.plan, state().plan);
        assert_eq!(no_vnet.selected, None);
    }

    #[test]
    fn removing_an_item_moves_the_drafts_of_the_ones_after_it() {
        let count = |text: &str| Edit::Count { text: text.into(), min: 1, nullable: false };
        let mut two = state().after(Action::Add(NewItem::Cluster));
        two = edit(&two, "/aksClusters/0/nodeCount", count("x"));
        two = edit(&two, "/aksClusters/1/nodeCount", count("y"));
        let removed = two.after(Action::Remove { pointer: "/aksClusters/0".into() });
        assert_eq!(removed.draft("/aksClusters/0/nodeCount"), Some("y"));
        assert_eq!(removed.drafts.len(), 1);
    }

    #[test]
    fn migrating_is_one_step_that_undo_takes_back_with_its_notes() {
        let mut start = state().after(Action::Add(NewItem::AciDeployment));
        start = edit(&start, "/aciDeployments/0/name", Edit::Text("scorer".into()));
        let v2 = migrated(&start, None);
        assert!(v2.plan.aks_clusters.iter().all(|c| c.is_v2()));
        assert!(v2.plan.aci_deployments.is_empty());
        assert_eq!(v2.plan.online_endpoints[0].name, "scorer");
        assert!(v2.migration_notes.iter().any(|note| note.code == "tls-certificate-needed"));
        let undone = v2.after(Action::Undo);
        assert_eq!(undone.plan, start.plan);
        assert!(undone.migration_notes.is_empty());
        assert_eq!(undone.after(Action::Redo).migration_notes, v2.migration_notes);
        let again = migrated(&v2, None);
        assert_eq!(again.plan, v2.plan);
        assert_eq!(again.past.len(), v2.past.len(), "migrating a v2 plan changes nothing");
    }

    #[test]
    fn dismissed_migration_notes_leave_the_plan_and_its_undo() {
        let v2 = migrated(&state(), None);
        let dismissed = v2.after(Action::DismissMigrationNotes);
        assert!(dismissed.migration_notes.is_empty());
        assert_eq!((&dismissed.plan, dismissed.past.len()), (&v2.plan, v2.past.len()));
        let reopened =
            State::from_saved_text(&Unsaved::of(&dismissed).text()).expect("the autosave reads back");
        assert!(reopened.migration_notes.is_empty(), "a reload does not bring them back");
        assert_eq!(dismissed.after(Action::Undo).plan, state().plan, "Undo still takes the migration back");
        // Put away after a later edit, they stay away when that edit is undone and redone.
        let edited =
            v2.after(Action::Edit { pointer: "/name".to_owned(), edit: Edit::Text("renamed".to_owned()) });
        let hidden = edited.after(Action::DismissMigrationNotes);
        let undone = hidden.after(Action::Undo);
        assert_eq!((&undone.plan, undone.migration_notes.len()), (&v2.plan, 0));
        assert!(undone.after(Action::Redo).migration_notes.is_empty());
    }

    #[test]
    fn the_autosave_keeps_the_migration_notes_with_the_migrated_plan() {
        let v2 = migrated(&state(), None);
        assert!(!v2.migration_notes.is_empty());
        let restored = State::from_saved_text(&Unsaved::of(&v2).text()).expect("the autosave reads back");
        assert_eq!(restored.plan, v2.plan);
        assert_eq!(restored.migration_notes, v2.migration_notes);
        // Notes it cannot read are left out; the plan still opens.
        let altered = Unsaved::of(&v2).text().replacen(r#""code":""#, r#""code":7,"was":""#, 1);
        let kept = State::from_saved_text(&altered).expect("the plan still reads back");
        assert_eq!((kept.plan, kept.migration_notes.len()), (v2.plan.clone(), 0));
        // An autosave written before the notes were saved, or with none, opens with no notes.
        let document = &*v2.document;
        for older in
            [json!({ "drafts": {}, "plan": document }), json!({ "plan": document, "migrationNotes": null })]
        {
            let opened = State::from_saved_text(&older.to_string()).expect("an older autosave reads back");
            assert_eq!((&opened.plan, opened.migration_notes.len()), (&v2.plan, 0));
        }
    }

    #[test]
    fn a_migration_answers_only_the_plan_it_was_asked_for() {
        let start = state();
        let asked = start.after(Action::Migrate { cluster: None });
        let request = asked.migrating.clone().expect("the migration is asked for");
        assert_eq!(asked.plan, start.plan, "nothing changes before the answer");
        assert_eq!(asked.after(Action::Migrate { cluster: Some(0) }).migrating, Some(request.clone()));

        let renamed = edit(&asked, "/vnets/0/name", Edit::Text("typed-meanwhile".into()));
        let late = renamed.after(Action::Migrated {
            request: request.clone(),
            answer: Ok(Box::new(module_answer(&request))),
        });
        assert_eq!(late.plan, renamed.plan, "the edit made meanwhile stays");
        assert_eq!(late.notice, Some(Notice::Done(NoticeKind::MigrationOutdated)));
        assert_eq!(late.migrating, None);
        assert!(late.migration_notes.is_empty());

        let preset = asked.after(Action::Replace {
            plan: Box::new(Preset::Aci.plan()),
            notice: Some(Notice::Done(NoticeKind::PresetLoaded)),
        });
        assert_eq!(preset.migrating, None, "the new plan is no longer waiting for a migration");
        let superseded = preset.after(Action::Migrated {
            request: request.clone(),
            answer: Ok(Box::new(module_answer(&request))),
        });
        assert_eq!(superseded, preset, "the preset and its notice stay");

        let failed = asked
            .after(Action::Migrated { request: request.clone(), answer: Err(Message::verbatim("offline")) });
        assert_eq!(failed.plan, start.plan);
        assert_eq!(
            failed.notice,
            Some(Notice::Error {
                headline: NoticeKind::MigrationFailed,
                detail: Message::verbatim("offline")
            })
        );
        assert_eq!(failed.migrating, None);

        let unasked = start.after(Action::Migrated {
            request: request.clone(),
            answer: Ok(Box::new(module_answer(&request))),
        });
        assert_eq!(unasked, start, "an answer nobody waits for changes nothing");
    }

    #[test]
    fn one_cluster_migrates_alone_and_its_notes_name_its_place() {
        let two = state().after(Action::Add(NewItem::Cluster));
        let switched = migrated(&two, Some(1));
        assert!(!switched.plan.aks_clusters[0].is_v2());
        assert!(switched.plan.aks_clusters[1].is_v2());
        assert_eq!(switched.plan.aks_clusters[0], two.plan.aks_clusters[0]);
        let subjects: Vec<&str> = switched.migration_notes.iter().map(MigrationNote::subject).collect();
        assert!(subjects.contains(&"/aksClusters/1"), "{subjects:?}");
        assert!(subjects.iter().all(|s| !s.starts_with("/aksClusters/0")), "{subjects:?}");
        assert_eq!(switched.after(Action::Undo).plan, two.plan);
        assert_eq!(
            two.after(Action::Migrate { cluster: Some(7) }),
            two,
            "there is no such cluster to migrate"
        );
    }

    #[test]
    fn a_namespace_that_is_not_a_kubernetes_name_waits_in_its_field() {
        let v2 = migrated(&state(), None);
        let pointer = "/aksClusters/0/azureMl/namespace";
        let typed = edit(&v2, pointer, Edit::Namespace("Inference".into()));
        assert_eq!(typed.draft(pointer), Some("Inference"));
        assert_eq!(typed.plan, v2.plan);
        let fixed = edit(&typed, pointer, Edit::Namespace("inference".into()));
        assert_eq!(fixed.draft(pointer), None);
        assert_eq!(fixed.plan.aks_clusters[0].azure_ml().namespace(), "inference");
        let default = edit(&fixed, pointer, Edit::Namespace(" ".into()));
        assert_eq!(default.document.pointer(pointer), None);
    }

    #[test]
    fn new_endpoints_and_outbound_rules_get_free_names() {
        let v2 = migrated(&state().after(Action::Add(NewItem::AciDeployment)), None);
        let added =
            v2.after(Action::Add(NewItem::OnlineEndpoint)).after(Action::Add(NewItem::OnlineEndpoint));
        let names: Vec<&str> = added.plan.online_endpoints.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names[1..], ["endpoint-1", "endpoint-2"]);
        let rules = added.after(Action::Add(NewItem::OutboundRule)).after(Action::Add(NewItem::OutboundRule));
        let network = rules.plan.workspace.managed_network.as_ref().expect("the migration adds one");
        let names: Vec<&str> = network.outbound_rules.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["rule-1", "rule-2"]);
        let asks = |before: &State, after: &State| -> Vec<(RuleId, Vec<String>)> {
            let new =
                after.report.findings.iter().filter(|finding| !before.report.findings.contains(finding));
            new.map(|finding| (finding.rule, finding.subjects.clone())).collect()
        };
        // A new rule waits for its destination, and says so; it adds nothing else.
        let destination =
            |index: usize| [format!("/workspace/managedNetwork/outboundRules/{index}/destination")];
        let (first, second) = (destination(0), destination(1));
        assert_eq!(
            asks(&added, &rules),
            [
                (RuleId::ManagedNetworkPeTargetUnsupported, first.to_vec()),
                (RuleId::ManagedNetworkPeTargetUnsupported, second.to_vec()),
            ]
        );
        let approved = edit(
            &added,
            "/workspace/managedNetwork/isolationMode",
            Edit::Value(json!("allowOnlyApprovedOutbound")),
        );
        let fqdn = approved.after(Action::Add(NewItem::OutboundRule));
        assert_eq!(
            fqdn.document.pointer("/workspace/managedNetwork/outboundRules/0/type"),
            Some(&json!("fqdn"))
        );
        assert_eq!(asks(&approved, &fqdn), [(RuleId::ManagedNetworkFqdnDestinationInvalid, first.to_vec())]);
    }

    #[test]
    fn french_that_comes_late_replaces_the_notice_that_it_could_not_be_loaded() {
        let unavailable =
            Notice::Error { headline: NoticeKind::FrenchUnavailable, detail: Message::verbatim("offline") };
        let waiting = state().after(Action::Notify(unavailable));
        let arrived = waiting.after(Action::FrenchLoaded { shown: false });
        assert_eq!(arrived.notice, Some(Notice::Done(NoticeKind::FrenchArrived)));
        assert_eq!(arrived.after(Action::FrenchLoaded { shown: true }).notice, None);
        assert_eq!(waiting.after(Action::FrenchLoaded { shown: true }).notice, None);
        let other = state().after(Action::Notify(Notice::Done(NoticeKind::FileLoaded)));
        assert_eq!(other.after(Action::FrenchLoaded { shown: true }), other, "other notices stay");
        assert_eq!(other.after(Action::FrenchLoaded { shown: false }), other);
    }

    #[test]
    fn a_refused_load_keeps_the_plan() {
        let start = state();
        let notice = Notice::Error { headline: NoticeKind::LinkBroken, detail: Message::verbatim("bad") };
        let next = start.after(Action::Notify(notice.clone()));
        assert_eq!(next.plan, start.plan);
        assert_eq!(next.notice, Some(notice));
    }

    type Sent = Rc<RefCell<Vec<Action>>>;

    /// A gate that has let an edit through in this frame, and what it sends on.
    fn busy_gate() -> (Rc<RefCell<FrameGate>>, Callback<Action>, Sent) {
        let gate = Rc::new(RefCell::new(FrameGate { busy: true, waiting: Vec::new() }));
        let sent: Sent = Rc::default();
        let dispatch = {
            let sent = sent.clone();
            Callback::from(move |action| sent.borrow_mut().push(action))
        };
        (gate, dispatch, sent)
    }

    fn typed(pointer: &str, text: &str) -> Action {
        Action::Edit { pointer: pointer.to_owned(), edit: Edit::Text(text.to_owned()) }
    }

    #[test]
    fn keys_typed_within_a_frame_wait_and_a_flush_sends_them_once_in_order() {
        let (gate, dispatch, sent) = busy_gate();
        FrameGate::send(&gate, &dispatch, typed("/vnets/0/name", "a"));
        FrameGate::send(&gate, &dispatch, typed("/vnets/0/name", "ab"));
        FrameGate::send(&gate, &dispatch, typed("/region", "w"));
        assert!(sent.borrow().is_empty());

        assert!(FrameGate::flush(&gate, &dispatch));
        let together = vec![
            ("/vnets/0/name".to_owned(), Edit::Text("ab".to_owned())),
            ("/region".to_owned(), Edit::Text("w".to_owned())),
        ];
        assert_eq!(*sent.borrow(), [Action::Edits(together)]);
        assert!(!FrameGate::flush(&gate, &dispatch));
        assert_eq!(sent.borrow().len(), 1);
    }

    #[test]
    fn an_undo_comes_after_the_keys_typed_before_it() {
        let (gate, dispatch, sent) = busy_gate();
        FrameGate::send(&gate, &dispatch, typed("/region", "w"));
        FrameGate::send(&gate, &dispatch, Action::Undo);
        let waiting = vec![("/region".to_owned(), Edit::Text("w".to_owned()))];
        assert_eq!(*sent.borrow(), [Action::Edits(waiting), Action::Undo]);
    }
}
