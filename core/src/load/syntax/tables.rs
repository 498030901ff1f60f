//! Where keys and headers put their values: `toml`'s rules for defining tables, followed step
//! by step (the same order of entries, the same spans), refusing whatever `toml` refuses.
//!
//! Every function answers `None` where `toml` reports an error; the caller then lets `toml`
//! parse the file, so that the user gets `toml`'s message.

use super::{Array, Item, Key, Spanned, Table, Value};
use std::ops::Range;

/// A `[table]` or `[[array]]` header.
pub(super) struct Header<'i> {
    /// The keys before the last.
    pub path: Vec<Key<'i>>,
    pub key: Key<'i>,
    /// From the opening to the closing bracket.
    pub span: Range<usize>,
    pub is_array: bool,
}

/// A document being built. As in `toml`, the table under the current header is filled apart
/// from the root and put in place at the next header.
#[derive(Default)]
pub(super) struct Document<'i> {
    pub root: Table<'i>,
    current: Table<'i>,
    header: Option<Header<'i>>,
}

impl<'i> Document<'i> {
    /// Puts the table just filled where its header says.
    pub fn finish_table(&mut self) -> Option<()> {
        let table = std::mem::take(&mut self.current);
        let Some(header) = self.header.take() else {
            self.root = table;
            return Some(());
        };
        let value = Spanned::new(header.span.clone(), Item::Table(table));
        let parent = descend(&mut self.root, &header.path, false)?;
        let existing = parent.position(header.key.get_ref());
        if !header.is_array {
            // `start_table` took out any table of that name.
            existing.is_none().then(|| parent.push(header.key, value))?;
            return Some(());
        }
        match existing {
            None => {
                let array = Array {
                    items: vec![value],
                    of_tables: true,
                    inline: false,
                };
                parent.push(header.key, Spanned::new(header.span, Item::Array(array)));
            }
            Some(at) => match parent.item_mut(at) {
                Item::Array(array) if array.of_tables => array.items.push(value),
                _ => return None,
            },
        }
        Some(())
    }

    /// Starts filling the table of `header`. A `[table]` that an earlier header made implicitly
    /// is taken out, filled and put back last, as `toml` does.
    pub fn start_table(&mut self, header: Header<'i>) -> Option<()> {
        if !header.is_array {
            let parent = descend(&mut self.root, &header.path, false)?;
            if let Some(at) = parent.position(header.key.get_ref()) {
                match parent.remove(at).into_inner() {
                    Item::Table(table) if table.implicit && !table.dotted => self.current = table,
                    _ => return None,
                }
            }
        }
        self.current.implicit = false;
        self.current.dotted = false;
        self.header = Some(header);
        Some(())
    }

    /// `path.key = value` under the current header.
    pub fn key_value(&mut self, path: Vec<Key<'i>>, key: Key<'i>, value: Value<'i>) -> Option<()> {
        let dotted = !path.is_empty();
        let parent = descend(&mut self.current, &path, dotted)?;
        if dotted && !parent.implicit || parent.position(key.get_ref()).is_some() {
            return None;
        }
        parent.push(key, value);
        Some(())
    }
}

/// The table at `path` under `table`, creating the tables that do not exist yet: `toml`'s rules
/// for the path of a header or of a dotted key outside inline tables.
fn descend<'t, 'i>(
    mut table: &'t mut Table<'i>,
    path: &[Key<'i>],
    dotted: bool,
) -> Option<&'t mut Table<'i>> {
    for key in path {
        let at = table.position_or_implicit(key, dotted, false);
        table = match table.item_mut(at) {
            Item::Array(array) if array.of_tables => match array.items.last_mut()?.get_mut() {
                Item::Table(last) => last,
                _ => return None,
            },
            Item::Table(child) if !child.inline => {
                if dotted && !child.implicit {
                    return None;
                }
                child.dotted |= dotted;
                child
            }
            _ => return None,
        };
    }
    Some(table)
}

/// Adds `path.key = value` to an inline table, by `toml`'s rules for inline tables.
pub(super) fn inline_key_value<'i>(
    table: &mut Table<'i>,
    path: Vec<Key<'i>>,
    key: Key<'i>,
    value: Value<'i>,
) -> Option<()> {
    let mut parent = table;
    for step in &path {
        let at = parent.position_or_implicit(step, true, true);
        parent = match parent.item_mut(at) {
            Item::Table(child) if child.implicit => child,
            _ => return None,
        };
    }
    if parent.dotted == path.is_empty() || parent.position(key.get_ref()).is_some() {
        return None;
    }
    parent.push(key, value);
    Some(())
}
