//! A fixed list of choices (checkboxes, or a select's options) whose HTML is the same on every
//! request except for which rows are chosen. Each list is built once per process and language:
//! every row unchosen as one text (with where each row starts) and every row chosen, so a
//! request writes a few slices instead of escaping, looking up and writing every row. Codes
//! are compared as the forms compare them, ignoring ASCII case.

use std::cmp::Ordering;
use std::sync::OnceLock;

pub struct ChoiceRows {
    /// The codes, in the order of the rows.
    codes: Vec<&'static str>,
    /// Row numbers ordered by code (ignoring case), to find a chosen code without a scan.
    by_code: Vec<usize>,
    /// Every row, unchosen, one after another.
    unchosen: String,
    /// Where each row starts in `unchosen`, and (last) its end.
    starts: Vec<usize>,
    /// Every row, chosen.
    chosen: Vec<String>,
}

/// One list in each language, built on first use.
pub type PerLanguage = [OnceLock<ChoiceRows>; 2];

/// A [`PerLanguage`] with nothing built yet, for a `static`.
pub const fn per_language() -> PerLanguage {
    [OnceLock::new(), OnceLock::new()]
}

fn cmp_ignoring_case(a: &str, b: &str) -> Ordering {
    a.bytes()
        .map(|c| c.to_ascii_lowercase())
        .cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
}

impl ChoiceRows {
    /// The rows in their order: each its code, its HTML unchosen and its HTML chosen.
    pub fn new(rows: impl IntoIterator<Item = (&'static str, String, String)>) -> ChoiceRows {
        let mut list = ChoiceRows {
            codes: Vec::new(),
            by_code: Vec::new(),
            unchosen: String::new(),
            starts: Vec::new(),
            chosen: Vec::new(),
        };
        for (code, unchosen, chosen) in rows {
            list.codes.push(code);
            list.starts.push(list.unchosen.len());
            list.unchosen.push_str(&unchosen);
            list.chosen.push(chosen);
        }
        list.starts.push(list.unchosen.len());
        list.by_code = (0..list.codes.len()).collect();
        list.by_code
            .sort_by(|&a, &b| cmp_ignoring_case(list.codes[a], list.codes[b]));
        list
    }

    /// The list of `slot`'s language, built with `build` the first time it is asked for.
    pub fn cached(
        slot: &'static PerLanguage,
        tr: &crate::i18n::Tr,
        build: impl FnOnce(&crate::i18n::Tr) -> ChoiceRows,
    ) -> &'static ChoiceRows {
        slot[tr.lang as usize].get_or_init(|| build(tr))
    }

    /// The row numbers of the chosen codes, in row order, each once; unknown codes are left out.
    fn picked(&self, chosen: &[String]) -> Vec<usize> {
        let mut picked: Vec<usize> = chosen
            .iter()
            .filter_map(|c| {
                let at = self
                    .by_code
                    .binary_search_by(|&i| cmp_ignoring_case(self.codes[i], c))
                    .ok()?;
                Some(self.by_code[at])
            })
            .collect();
        picked.sort_unstable();
        picked.dedup();
        picked
    }

    /// Every row in its place, the chosen ones marked.
    pub fn in_order(&'static self, chosen: &[String]) -> Vec<&'static str> {
        let picked = self.picked(chosen);
        let mut shown = Vec::with_capacity(2 * picked.len() + 1);
        let mut from = 0;
        for &i in &picked {
            shown.push(&self.unchosen[from..self.starts[i]]);
            shown.push(&*self.chosen[i]);
            from = self.starts[i + 1];
        }
        shown.push(&self.unchosen[from..]);
        shown
    }

    /// The chosen rows first, marked, so they are in view at the top of a long list; then
    /// the others in their order.
    pub fn chosen_first(&'static self, chosen: &[String]) -> Vec<&'static str> {
        let picked = self.picked(chosen);
        let mut shown: Vec<&'static str> = picked.iter().map(|&i| &*self.chosen[i]).collect();
        let mut from = 0;
        for &i in &picked {
            shown.push(&self.unchosen[from..self.starts[i]]);
            from = self.starts[i + 1];
        }
        shown.push(&self.unchosen[from..]);
        shown
    }

    pub fn codes(&self) -> &[&'static str] {
        &self.codes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    impl ChoiceRows {
        fn row(&self, i: usize) -> &str {
            &self.unchosen[self.starts[i]..self.starts[i + 1]]
        }
    }

    fn list() -> &'static ChoiceRows {
        static ROWS: OnceLock<ChoiceRows> = OnceLock::new();
        ROWS.get_or_init(|| {
            ChoiceRows::new(
                ["b", "A", "c", "D", "e"]
                    .map(|code| (code, format!("<{code}>"), format!("<{code} on>"))),
            )
        })
    }

    /// What the slices must add up to, written row by row.
    fn row_by_row(rows: &'static ChoiceRows, chosen: &[&str], first: bool) -> String {
        let is_chosen = |code: &str| chosen.iter().any(|c| c.eq_ignore_ascii_case(code));
        let n = rows.codes.len();
        let marked = |i: usize| {
            if is_chosen(rows.codes[i]) {
                rows.chosen[i].clone()
            } else {
                rows.row(i).to_string()
            }
        };
        if first {
            let chosen = (0..n).filter(|&i| is_chosen(rows.codes[i])).map(marked);
            let others = (0..n).filter(|&i| !is_chosen(rows.codes[i])).map(marked);
            chosen.chain(others).collect()
        } else {
            (0..n).map(marked).collect()
        }
    }

    #[test]
    fn every_row_once_and_the_chosen_ones_marked_in_place_or_first() {
        let rows = list();
        assert_eq!(rows.row(1), "<A>");
        for (chosen, in_order, first) in [
            (vec![], "<b><A><c><D><e>", "<b><A><c><D><e>"),
            (vec!["a"], "<b><A on><c><D><e>", "<A on><b><c><D><e>"),
            (
                vec!["E", "b"],
                "<b on><A><c><D><e on>",
                "<b on><e on><A><c><D>",
            ),
            (
                vec!["d", "D", "x", ""],
                "<b><A><c><D on><e>",
                "<D on><b><A><c><e>",
            ),
            (
                vec!["e", "d", "c", "b", "a"],
                "<b on><A on><c on><D on><e on>",
                "<b on><A on><c on><D on><e on>",
            ),
        ] {
            let owned: Vec<String> = chosen.iter().map(|c| c.to_string()).collect();
            assert_eq!(rows.in_order(&owned).concat(), in_order, "{chosen:?}");
            assert_eq!(rows.chosen_first(&owned).concat(), first, "{chosen:?}");
            assert_eq!(in_order, row_by_row(rows, &chosen, false));
            assert_eq!(first, row_by_row(rows, &chosen, true));
        }
    }
}
