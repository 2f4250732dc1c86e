//! Keeps the crate's module structure from drifting back into a tangle: no import cycles between
//! files, re-exports only in `mod.rs` facades, top-level modules layered as in [`LAYERS`], the
//! terminal crates only in `tui`, and no file longer than [`MAX_CODE_LINES`] lines of code.
//!
//! It reads `src/` as text with a small lexer (std only, no use of the crate's own API), so it
//! checks the code as written, not as it happens to compile. The analysis works on in-memory
//! `(path, source)` pairs; the `synthetic` module at the bottom exercises it on tiny trees.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::path::Path;
use std::sync::OnceLock;

// ---------------------------------------------------------------------------------------------
// The rules. Edit these when the intended structure changes.
// ---------------------------------------------------------------------------------------------

/// Top-level modules by layer, lowest first (the index is the layer number). A module may import
/// modules of a lower layer, and modules of its own layer unless that layer is in
/// [`ISOLATED_LAYERS`]. Every top-level module must be listed.
const LAYERS: &[&[&str]] = &[
    /* 0 */ &["model", "keys"],
    /* 1 */ &["ingest", "analysis"],
    /* 2 */
    &[
        "library", "query", "state", "config", "export", "logging", "feeds", "fulltext",
    ],
    /* 3 */ &["cli", "tui"],
];

/// Layers whose modules must not import each other: they may only use lower layers.
const ISOLATED_LAYERS: &[usize] = &[1];

/// Crates that talk to the terminal; only files under [`TERMINAL_DIR`] may name them.
const TERMINAL_CRATES: &[&str] = &["ratatui", "crossterm"];
const TERMINAL_DIR: &str = "src/tui/";

/// The most lines of non-test code a file may have (blank and comment-only lines not counted).
const MAX_CODE_LINES: usize = 700;

/// How many re-exports deep a path is followed to the file that defines its item.
const MAX_REEXPORT_DEPTH: usize = 10;

// ---------------------------------------------------------------------------------------------
// The checks on the real tree, one test each so a failure names the rule it broke.
// ---------------------------------------------------------------------------------------------

#[test]
fn no_import_cycles_between_files() {
    assert_clean(
        "import cycles between files",
        check_file_cycles(real_tree()),
    );
}

#[test]
fn only_mod_rs_files_re_export() {
    assert_clean("re-exports outside a mod.rs", check_reexports(real_tree()));
}

#[test]
fn top_level_modules_respect_the_layers() {
    assert_clean("layering violations", check_layers(real_tree()));
}

#[test]
fn only_tui_names_the_terminal_crates() {
    assert_clean(
        "terminal crates used outside src/tui/",
        check_terminal_crates(real_tree()),
    );
}

#[test]
fn no_file_is_too_long() {
    assert_clean(
        &format!("files over {MAX_CODE_LINES} lines of non-test code"),
        check_file_sizes(real_tree()),
    );
}

/// Not a check: prints every file's imports, for looking at the graph while restructuring.
/// `cargo test --test import_graph -- --ignored --nocapture print_the_import_graph`
#[test]
#[ignore]
fn print_the_import_graph() {
    let tree = real_tree();
    for edge in &tree.edges {
        let note = if edge.reexport_only {
            " (re-export)"
        } else {
            ""
        };
        println!(
            "{}:{} -> {}{note}",
            tree.path(edge.from),
            edge.line,
            tree.path(edge.to)
        );
    }
}

/// Fails with every violation listed, one per line, if there are any.
fn assert_clean(what: &str, violations: Vec<String>) {
    assert!(
        violations.is_empty(),
        "{} {what}:\n{}\n",
        violations.len(),
        violations.join("\n")
    );
}

/// The crate's own `src/`, read and analysed once for all the tests above.
fn real_tree() -> &'static Tree {
    static TREE: OnceLock<Tree> = OnceLock::new();
    TREE.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut sources = Vec::new();
        read_rs_files(root, &root.join("src"), &mut sources);
        let borrowed: Vec<(&str, &str)> = sources
            .iter()
            .map(|(path, text)| (path.as_str(), text.as_str()))
            .collect();
        Tree::analyse(&borrowed)
    })
}

/// Collects every `.rs` file under `dir` as (path relative to `root` with `/` separators, text).
fn read_rs_files(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
    for entry in entries {
        let path = entry
            .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
            .path();
        if path.is_dir() {
            read_rs_files(root, &path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            let relative = path.strip_prefix(root).unwrap_or(&path);
            let parts: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.push((parts.join("/"), text));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The five checks, as functions of an analysed tree. Each returns its violations, sorted.
// ---------------------------------------------------------------------------------------------

/// Check 1: every strongly connected component of more than one file, with one concrete cycle.
/// Re-exports do not count here: `a/mod.rs` re-exporting `a/b.rs`'s items while `a/b.rs` uses
/// what `a/mod.rs` defines is no cycle, since `a/mod.rs` only passes names through. (They do
/// count for the layers: a module may only re-export what it may import.)
fn check_file_cycles(tree: &Tree) -> Vec<String> {
    let imports = tree.edges.iter().filter(|e| !e.reexport_only);
    let graph = Graph::from_edges(tree.files.len(), imports.map(|e| (e.from, e.to)));
    let mut out = Vec::new();
    for component in graph.cycles() {
        let names: Vec<&str> = component.iter().map(|&f| tree.path(f)).collect();
        let mut message = format!(
            "{} files import each other: {}\n  for example:",
            names.len(),
            names.join(", ")
        );
        let cycle = graph.shortest_cycle(component[0], &component);
        for hop in cycle.windows(2) {
            let line = tree.edge_line(hop[0], hop[1]);
            message += &format!(
                "\n    {}:{line} imports {}",
                tree.path(hop[0]),
                tree.path(hop[1])
            );
        }
        out.push(message);
    }
    out.sort();
    out
}

/// Check 2: `pub use` (with any visibility) only in a module's root file: `lib.rs`, a `mod.rs`,
/// or `a.rs` when `a/` holds its submodules (that file is the module's root just as `mod.rs`).
fn check_reexports(tree: &Tree) -> Vec<String> {
    let mut out = Vec::new();
    for file in tree
        .files
        .iter()
        .filter(|f| f.in_graph && !f.is_module_root)
    {
        for decl in file.uses.iter().filter(|u| u.is_reexport) {
            let items: Vec<String> = decl.leaves.iter().map(UseLeaf::display).collect();
            out.push(format!(
                "{}:{} re-exports {}; only a mod.rs may re-export",
                file.path,
                decl.line,
                items.join(", ")
            ));
        }
    }
    out.sort();
    out
}

/// Check 3: every top-level module is in [`LAYERS`], imports across top-level modules go down
/// the layers (or sideways where allowed), and the top-level modules import no cycle.
fn check_layers(tree: &Tree) -> Vec<String> {
    let layer_of: HashMap<&str, usize> = LAYERS
        .iter()
        .enumerate()
        .flat_map(|(layer, modules)| modules.iter().map(move |&m| (m, layer)))
        .collect();
    let mut out = Vec::new();

    // Every top-level module, named by the file that roots it (or its directory).
    let mut top_level: BTreeMap<&str, String> = BTreeMap::new();
    for file in tree.files.iter().filter(|f| f.in_graph) {
        if let Some(top) = file.module.first() {
            if file.module.len() == 1 {
                top_level.insert(top, file.path.clone());
            } else {
                top_level
                    .entry(top)
                    .or_insert_with(|| format!("src/{top}/"));
            }
        }
    }
    for (name, root) in &top_level {
        if !layer_of.contains_key(name) {
            out.push(format!(
                "module `{name}` ({root}) is in no layer: add it to LAYERS"
            ));
        }
    }

    // Each import from one top-level module into another.
    for edge in &tree.edges {
        let (Some(from), Some(to)) = (tree.top_level(edge.from), tree.top_level(edge.to)) else {
            continue;
        };
        if from == to {
            continue;
        }
        let (Some(&from_layer), Some(&to_layer)) = (layer_of.get(from), layer_of.get(to)) else {
            continue; // Already reported as missing from LAYERS.
        };
        let why = if to_layer > from_layer {
            format!("layer {from_layer} -> layer {to_layer}")
        } else if to_layer == from_layer && ISOLATED_LAYERS.contains(&from_layer) {
            format!(
                "layer {from_layer} -> layer {to_layer}; {} must not import each other",
                LAYERS[from_layer].join(", ")
            )
        } else {
            continue;
        };
        out.push(format!(
            "{} -> {} ({why}) [line {}]",
            tree.path(edge.from),
            tree.path(edge.to),
            edge.line
        ));
    }

    // The graph of top-level modules must be acyclic, whatever the layers allow.
    let names: Vec<&str> = top_level.keys().copied().collect();
    let index: HashMap<&str, usize> = names.iter().enumerate().map(|(i, &n)| (n, i)).collect();
    let mut witness: BTreeMap<(usize, usize), &Edge> = BTreeMap::new();
    for edge in &tree.edges {
        if let (Some(from), Some(to)) = (tree.top_level(edge.from), tree.top_level(edge.to))
            && from != to
        {
            witness.entry((index[from], index[to])).or_insert(edge);
        }
    }
    let graph = Graph::from_edges(names.len(), witness.keys().copied());
    for component in graph.cycles() {
        let cycle = graph.shortest_cycle(component[0], &component);
        let path: Vec<&str> = cycle.iter().map(|&m| names[m]).collect();
        let mut message = format!("top-level modules import each other: {}", path.join(" -> "));
        for hop in cycle.windows(2) {
            let edge = witness[&(hop[0], hop[1])];
            message += &format!(
                "\n    {}:{} imports {}",
                tree.path(edge.from),
                edge.line,
                tree.path(edge.to)
            );
        }
        out.push(message);
    }
    out.sort();
    out
}

/// Check 4: no code outside [`TERMINAL_DIR`] names a terminal crate (test code included:
/// comments and strings are not code, so doc comments may still mention them).
fn check_terminal_crates(tree: &Tree) -> Vec<String> {
    let mut out = Vec::new();
    for file in tree
        .files
        .iter()
        .filter(|f| !f.path.starts_with(TERMINAL_DIR))
    {
        for (krate, lines) in &file.terminal_mentions {
            out.push(format!(
                "{}:{} names `{krate}` ({} mention(s)); only {TERMINAL_DIR} may",
                file.path,
                lines[0],
                lines.len()
            ));
        }
    }
    out.sort();
    out
}

/// Check 5: files with more than [`MAX_CODE_LINES`] lines of non-test code, longest first.
fn check_file_sizes(tree: &Tree) -> Vec<String> {
    let mut long: Vec<&FileInfo> = tree
        .files
        .iter()
        .filter(|f| f.code_lines > MAX_CODE_LINES)
        .collect();
    long.sort_by(|a, b| b.code_lines.cmp(&a.code_lines).then(a.path.cmp(&b.path)));
    long.iter()
        .map(|f| {
            format!(
                "{}: {} lines of non-test code (limit {MAX_CODE_LINES})",
                f.path, f.code_lines
            )
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The analysed tree: files, their module paths, their `use` declarations and the import edges.
//
// Nodes are the library's files: `src/a/b.rs` is module `a::b`, `src/a/mod.rs` is `a`, and
// `src/lib.rs` the root, which only declares modules and is no source or target of edges.
// Binaries (`src/main.rs`, `src/bin/`) use the crate as `briefdeck::` and are left out of the
// graph (checks 4 and 5 still read them). An edge is a path into another file of the crate:
// - in a `use` declaration, `{}` groups, `as` renames and `self` included, whether it starts
//   with `crate`, `self`, `super`, a child module (`use text::Lang` in a `mod.rs`) or a name
//   imported earlier; `pub use` re-exports are edges from the file that re-exports too;
// - in code: `crate::a::f()`, `super::b::T`, `child::g()`, `imported::h()`.
// Comments (doc comments included) and string literals are no code, and neither is anything
// under `#[cfg(test)]`: tests may import freely. A path goes to the longest prefix that is a
// module file, then through any name that file imports (a re-export, typically) to the file
// that defines the item, so importing `crate::a::Item` re-exported by `a/mod.rs` from
// `a/item.rs` is an edge to `a/item.rs`, not to `a/mod.rs`. Importing a module itself
// (`use crate::a;`, `use crate::a::{self}`) is not an edge; its uses (`a::Item`) are.
// ---------------------------------------------------------------------------------------------

/// A module path relative to the crate root: `src/a/b.rs` is `["a", "b"]`, `src/lib.rs` is `[]`.
type ModulePath = Vec<String>;

struct Tree {
    files: Vec<FileInfo>,
    /// Module path to index in `files`, for the files that are part of the library's graph.
    by_module: HashMap<ModulePath, usize>,
    /// One edge per importing file and imported file, sorted.
    edges: Vec<Edge>,
}

struct FileInfo {
    /// As shown in messages: `src/a/b.rs`.
    path: String,
    module: ModulePath,
    /// False for binaries (`src/main.rs`, `src/bin/`): they use the library as `briefdeck::`.
    in_graph: bool,
    /// `lib.rs`, a `mod.rs`, or `a.rs` next to a directory `a/` of submodules.
    is_module_root: bool,
    /// The code with test-only items removed.
    tokens: Vec<Token>,
    uses: Vec<UseDecl>,
    /// The token indices that belong to `use` declarations.
    use_spans: Vec<std::ops::Range<usize>>,
    /// Names bound by this file's `use` declarations, to crate-absolute paths.
    bindings: HashMap<String, ModulePath>,
    /// Each terminal crate named in the code (tests included), with the lines it is named on.
    terminal_mentions: BTreeMap<String, Vec<usize>>,
    /// Lines holding non-test code.
    code_lines: usize,
}

struct Edge {
    from: usize,
    to: usize,
    /// The first line that imports `to`.
    line: usize,
    /// Whether every import of `to` is a re-export (`pub use`): `from` then only passes names
    /// through, and its importers are given edges straight to `to`.
    reexport_only: bool,
}

impl Tree {
    /// Analyses `(path, source)` pairs, paths being like `src/a/b.rs`. Files outside `src/` are
    /// ignored.
    fn analyse(sources: &[(&str, &str)]) -> Tree {
        let mut files: Vec<FileInfo> = Vec::new();
        let mut test_only: HashSet<ModulePath> = HashSet::new();
        for &(path, text) in sources {
            let Some((module, in_graph)) = module_path(path) else {
                continue;
            };
            let tokens = lex(text);
            let terminal_mentions = terminal_mentions(&tokens);
            let (tokens, test_modules) = strip_test_items(tokens);
            for name in test_modules {
                test_only.insert([module.clone(), vec![name]].concat());
            }
            let (uses, use_spans) = parse_uses(&tokens);
            let code_lines = count_code_lines(&tokens);
            files.push(FileInfo {
                path: path.to_string(),
                is_module_root: path.ends_with("/mod.rs") || path == "src/lib.rs",
                module,
                in_graph,
                tokens,
                uses,
                use_spans,
                bindings: HashMap::new(),
                terminal_mentions,
                code_lines,
            });
        }
        // A file declared `#[cfg(test)] mod x;` is test code, and so is everything under it.
        files.retain(|f| !test_only.iter().any(|t| f.module.starts_with(t)));
        files.sort_by(|a, b| a.path.cmp(&b.path));

        let by_module: HashMap<ModulePath, usize> = files
            .iter()
            .enumerate()
            .filter(|(_, f)| f.in_graph)
            .map(|(i, f)| (f.module.clone(), i))
            .collect();
        for file in &mut files {
            let has_children = by_module
                .keys()
                .any(|m| m.len() == file.module.len() + 1 && m.starts_with(&file.module));
            file.is_module_root |= file.in_graph && has_children;
            file.bindings = absolute_bindings(file, &by_module);
        }

        let mut tree = Tree {
            files,
            by_module,
            edges: Vec::new(),
        };
        tree.edges = tree.find_edges();
        tree
    }

    fn path(&self, file: usize) -> &str {
        &self.files[file].path
    }

    fn top_level(&self, file: usize) -> Option<&str> {
        self.files[file].module.first().map(String::as_str)
    }

    fn edge_line(&self, from: usize, to: usize) -> usize {
        self.edges
            .iter()
            .find(|e| e.from == from && e.to == to)
            .map_or(0, |e| e.line)
    }

    /// The import edges of every library file but the root (`lib.rs` only declares modules).
    fn find_edges(&self) -> Vec<Edge> {
        // (from, to) -> (first line, re-exports only)
        let mut found: BTreeMap<(usize, usize), (usize, bool)> = BTreeMap::new();
        for (from, file) in self.files.iter().enumerate() {
            if !file.in_graph || file.module.is_empty() {
                continue;
            }
            let mut add = |target: Option<(usize, bool)>, line: usize, reexport: bool| {
                if let Some((to, _)) = target
                    && to != from
                    && !self.files[to].module.is_empty()
                {
                    let seen = found.entry((from, to)).or_insert((line, reexport));
                    *seen = (seen.0.min(line), seen.1 && reexport);
                }
            };
            // `use` declarations. Importing a module itself (`use crate::a;`, `{self}`) is no
            // edge yet: its uses, `a::Item`, are found below and resolved to the right file.
            for decl in &file.uses {
                for leaf in &decl.leaves {
                    let Some(path) = absolutize(file, &self.by_module, &leaf.path) else {
                        continue;
                    };
                    let target = self.resolve(&path, 0);
                    let whole_module = matches!(target, Some((_, true)));
                    if leaf.glob || !whole_module {
                        add(target, decl.line, decl.is_reexport);
                    }
                }
            }
            // Paths in code: `crate::a::f()`, `super::b::T`, `child::g()`, `Imported::new()`.
            for (segments, line) in inline_paths(file) {
                if let Some(path) = absolutize(file, &self.by_module, &segments) {
                    add(self.resolve(&path, 0), line, false);
                }
            }
        }
        found
            .into_iter()
            .map(|((from, to), (line, reexport_only))| Edge {
                from,
                to,
                line,
                reexport_only,
            })
            .collect()
    }

    /// The file that defines what a crate-absolute path names: the longest prefix that is a
    /// module file, or, if the next segment is a name that file imports (a re-export in a
    /// `mod.rs`, typically), wherever that import leads. The flag tells whether the path named
    /// the module itself rather than something in it.
    fn resolve(&self, path: &[String], depth: usize) -> Option<(usize, bool)> {
        let (file, rest) = (0..=path.len())
            .rev()
            .find_map(|i| self.by_module.get(&path[..i]).map(|&f| (f, &path[i..])))?;
        if let Some((name, tail)) = rest.split_first()
            && depth < MAX_REEXPORT_DEPTH
            && let Some(target) = self.files[file].bindings.get(name)
        {
            let followed = [target.as_slice(), tail].concat();
            return self.resolve(&followed, depth + 1).or(Some((file, false)));
        }
        Some((file, rest.is_empty()))
    }
}

/// The module path of a file under `src/`, and whether it belongs to the library's graph.
fn module_path(path: &str) -> Option<(ModulePath, bool)> {
    let inner = path.strip_prefix("src/")?.strip_suffix(".rs")?;
    let mut segments: ModulePath = inner.split('/').map(str::to_string).collect();
    if segments.first().is_some_and(|s| s == "bin") || inner == "main" {
        return Some((segments, false));
    }
    if inner == "lib" || segments.last().is_some_and(|s| s == "mod") {
        segments.pop();
    }
    Some((segments, true))
}

/// Turns a path as written in `file` into a crate-absolute one, or `None` if it leaves the
/// crate (`std::`, another crate, a type defined in the file).
fn absolutize(
    file: &FileInfo,
    modules: &HashMap<ModulePath, usize>,
    path: &[String],
) -> Option<ModulePath> {
    absolutize_in(&file.module, modules, path, &|name| {
        file.bindings.get(name).cloned()
    })
}

/// Like [`absolutize`] for a path written in module `here`, where `imported` gives the
/// crate-absolute path of a name the file imports. A path may start with `crate`, `self`, one
/// or more `super`, the name of a child module, or an imported name (`use crate::a; a::f()`).
fn absolutize_in(
    here: &ModulePath,
    modules: &HashMap<ModulePath, usize>,
    path: &[String],
    imported: &dyn Fn(&str) -> Option<ModulePath>,
) -> Option<ModulePath> {
    let (head, rest) = path.split_first()?;
    match head.as_str() {
        "crate" => Some(rest.to_vec()),
        "self" => Some([here.as_slice(), rest].concat()),
        "super" => {
            let ups = path.iter().take_while(|s| *s == "super").count();
            let base = here.get(..here.len().checked_sub(ups)?)?;
            Some([base, &path[ups..]].concat())
        }
        _ => {
            let child = [here.as_slice(), std::slice::from_ref(head)].concat();
            if modules.contains_key(&child) {
                Some([here.as_slice(), path].concat())
            } else {
                Some([imported(head)?.as_slice(), rest].concat())
            }
        }
    }
}

/// The names this file's `use` declarations bind, to crate-absolute paths (crate items only).
/// One import may build on another (`use crate::a; use a::B;`), so names are looked up
/// recursively, to a bounded depth.
fn absolute_bindings(
    file: &FileInfo,
    modules: &HashMap<ModulePath, usize>,
) -> HashMap<String, ModulePath> {
    let written: HashMap<&str, &[String]> = file
        .uses
        .iter()
        .flat_map(|d| &d.leaves)
        .filter_map(|leaf| Some((leaf.binding.as_deref()?, leaf.path.as_slice())))
        .collect();
    fn lookup(
        name: &str,
        here: &ModulePath,
        modules: &HashMap<ModulePath, usize>,
        written: &HashMap<&str, &[String]>,
        depth: usize,
    ) -> Option<ModulePath> {
        if depth >= MAX_REEXPORT_DEPTH {
            return None;
        }
        let path = written.get(name)?;
        absolutize_in(here, modules, path, &|n| {
            lookup(n, here, modules, written, depth + 1)
        })
    }
    written
        .keys()
        .filter_map(|&name| {
            let path = lookup(name, &file.module, modules, &written, 0)?;
            Some((name.to_string(), path))
        })
        .collect()
}

/// Every path in the file's code outside `use` declarations whose first segment is followed by
/// `::`, with its line. A name after `::` or `.` does not start a path.
fn inline_paths(file: &FileInfo) -> Vec<(Vec<String>, usize)> {
    let tokens = &file.tokens;
    let in_use = |i: usize| file.use_spans.iter().any(|span| span.contains(&i));
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let starts_path = matches!(tokens[i].kind, Kind::Ident(_))
            && tokens.get(i + 1).is_some_and(|t| t.kind == Kind::PathSep)
            && (i == 0 || !matches!(tokens[i - 1].kind, Kind::PathSep | Kind::Punct('.')));
        if !starts_path || in_use(i) {
            i += 1;
            continue;
        }
        let mut segments = Vec::new();
        let mut j = i;
        while let Some(Kind::Ident(name)) = tokens.get(j).map(|t| &t.kind) {
            segments.push(name.clone());
            let next_is_segment = tokens.get(j + 1).is_some_and(|t| t.kind == Kind::PathSep)
                && matches!(tokens.get(j + 2).map(|t| &t.kind), Some(Kind::Ident(_)));
            if !next_is_segment {
                break;
            }
            j += 2;
        }
        out.push((segments, tokens[i].line));
        i = j + 1;
    }
    out
}

// ---------------------------------------------------------------------------------------------
// `use` declarations.
// ---------------------------------------------------------------------------------------------

struct UseDecl {
    line: usize,
    /// `pub use` with any visibility: `pub`, `pub(crate)`, `pub(super)`, `pub(in path)`.
    is_reexport: bool,
    /// The tree flattened: `use a::{b, c::{d as e}}` is `a::b` and `a::c::d` (as `e`).
    leaves: Vec<UseLeaf>,
}

struct UseLeaf {
    /// As written, with `{}` groups expanded and a trailing `self` dropped (`a::{self}` is `a`).
    path: Vec<String>,
    /// `a::*`; `path` is then `a`.
    glob: bool,
    /// The name it binds: the last segment, or its `as` rename; none for a glob or `as _`.
    binding: Option<String>,
}

impl UseLeaf {
    fn display(&self) -> String {
        let path = self.path.join("::");
        if self.glob { path + "::*" } else { path }
    }
}

/// Every `use` declaration in the tokens, and the token range each spans (with its `pub`).
fn parse_uses(tokens: &[Token]) -> (Vec<UseDecl>, Vec<std::ops::Range<usize>>) {
    let mut decls = Vec::new();
    let mut spans = Vec::new();
    for i in 0..tokens.len() {
        if !tokens[i].is_ident("use") {
            continue;
        }
        let start = visibility_start(tokens, i);
        let mut pos = i + 1;
        let mut leaves = Vec::new();
        parse_use_tree(tokens, &mut pos, Vec::new(), &mut leaves);
        while pos < tokens.len() && !tokens[pos].is_punct(';') {
            pos += 1;
        }
        spans.push(start.unwrap_or(i)..pos + 1);
        decls.push(UseDecl {
            line: tokens[i].line,
            is_reexport: start.is_some(),
            leaves,
        });
    }
    (decls, spans)
}

/// If the `use` at `i` is preceded by `pub` or `pub(...)`, where that visibility starts.
fn visibility_start(tokens: &[Token], i: usize) -> Option<usize> {
    let before = tokens.get(i.checked_sub(1)?)?;
    if before.is_ident("pub") {
        return Some(i - 1);
    }
    if !before.is_punct(')') {
        return None;
    }
    let open = (0..i - 1).rev().find(|&k| tokens[k].is_punct('('))?;
    let pub_at = open.checked_sub(1)?;
    tokens[pub_at].is_ident("pub").then_some(pub_at)
}

/// Parses one use tree at `pos` (`a::b`, `a::{..}`, `a::*`, `a as b`) into leaves under `prefix`.
fn parse_use_tree(tokens: &[Token], pos: &mut usize, prefix: Vec<String>, out: &mut Vec<UseLeaf>) {
    let mut path = prefix;
    if tokens.get(*pos).is_some_and(|t| t.kind == Kind::PathSep) {
        // `use ::name` names an external crate; the marker keeps it from resolving.
        path.push("::".to_string());
        *pos += 1;
    }
    loop {
        let Some(token) = tokens.get(*pos) else {
            return;
        };
        match &token.kind {
            Kind::Ident(name) => {
                path.push(name.clone());
                *pos += 1;
                if tokens.get(*pos).is_some_and(|t| t.kind == Kind::PathSep) {
                    *pos += 1;
                    continue;
                }
                if path.last().is_some_and(|s| s == "self") {
                    path.pop();
                }
                let mut binding = path.last().cloned();
                if tokens.get(*pos).is_some_and(|t| t.is_ident("as")) {
                    binding = match tokens.get(*pos + 1).map(|t| &t.kind) {
                        Some(Kind::Ident(alias)) if alias != "_" => Some(alias.clone()),
                        _ => None,
                    };
                    *pos += 2;
                }
                out.push(UseLeaf {
                    path,
                    glob: false,
                    binding,
                });
                return;
            }
            Kind::Punct('*') => {
                *pos += 1;
                out.push(UseLeaf {
                    path,
                    glob: true,
                    binding: None,
                });
                return;
            }
            Kind::Punct('{') => {
                *pos += 1;
                loop {
                    match tokens.get(*pos) {
                        None => return,
                        Some(t) if t.is_punct('}') => {
                            *pos += 1;
                            return;
                        }
                        Some(t) if t.is_punct(',') => *pos += 1,
                        Some(_) => {
                            let before = *pos;
                            parse_use_tree(tokens, pos, path.clone(), out);
                            if *pos == before {
                                return; // Not a use tree after all; give up on this group.
                            }
                        }
                    }
                }
            }
            _ => return,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Test-only code, terminal-crate mentions and line counts.
// ---------------------------------------------------------------------------------------------

/// Drops every item (or statement) marked with a bare `#[cfg(test)]`: the `mod tests` blocks,
/// wherever they are in the file, and any test-only helper. Returns the remaining tokens and the
/// names of test-only file modules (`#[cfg(test)] mod name;`).
fn strip_test_items(tokens: Vec<Token>) -> (Vec<Token>, Vec<String>) {
    let mut kept = Vec::with_capacity(tokens.len());
    let mut test_modules = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !is_cfg_test(&tokens[i..]) {
            kept.push(tokens[i].clone());
            i += 1;
            continue;
        }
        let mut item = i + CFG_TEST_TOKENS;
        // Further attributes on the same item.
        while tokens.get(item).is_some_and(|t| t.is_punct('#'))
            && tokens.get(item + 1).is_some_and(|t| t.is_punct('['))
        {
            item = skip_group(&tokens, item + 1);
        }
        if let Some(name) = file_module_declared_at(&tokens[item..]) {
            test_modules.push(name);
        }
        i = end_of_item(&tokens, item);
    }
    (kept, test_modules)
}

/// `#[cfg(test)]` is this many tokens: `#`, `[`, `cfg`, `(`, `test`, `)`, `]`.
const CFG_TEST_TOKENS: usize = 7;

fn is_cfg_test(tokens: &[Token]) -> bool {
    tokens.len() >= CFG_TEST_TOKENS
        && tokens[0].is_punct('#')
        && tokens[1].is_punct('[')
        && tokens[2].is_ident("cfg")
        && tokens[3].is_punct('(')
        && tokens[4].is_ident("test")
        && tokens[5].is_punct(')')
        && tokens[6].is_punct(']')
}

/// The name in `mod name;` (with any visibility) at the start of `tokens`.
fn file_module_declared_at(tokens: &[Token]) -> Option<String> {
    let mut i = 0;
    if tokens.first()?.is_ident("pub") {
        i = 1;
        if tokens.get(1)?.is_punct('(') {
            i = skip_group(tokens, 1);
        }
    }
    match (tokens.get(i)?, &tokens.get(i + 1)?.kind, tokens.get(i + 2)?) {
        (m, Kind::Ident(name), semi) if m.is_ident("mod") && semi.is_punct(';') => {
            Some(name.clone())
        }
        _ => None,
    }
}

/// The index just past the bracketed group opening at `open`.
fn skip_group(tokens: &[Token], open: usize) -> usize {
    let mut depth = 0usize;
    for (k, token) in tokens.iter().enumerate().skip(open) {
        match token.kind {
            Kind::Punct('(' | '[' | '{') => depth += 1,
            Kind::Punct(')' | ']' | '}') => {
                depth -= 1;
                if depth == 0 {
                    return k + 1;
                }
            }
            _ => {}
        }
    }
    tokens.len()
}

/// The index just past the item starting at `start`: after its `;`, or after the `{...}` block
/// that ends it. Stops before a closing bracket it did not open, so it never leaves its scope.
fn end_of_item(tokens: &[Token], start: usize) -> usize {
    let mut depth = 0usize;
    for (k, token) in tokens.iter().enumerate().skip(start) {
        match token.kind {
            Kind::Punct(';') if depth == 0 => return k + 1,
            Kind::Punct('(' | '[' | '{') => depth += 1,
            Kind::Punct(')' | ']' | '}') => {
                if depth == 0 {
                    return k;
                }
                depth -= 1;
                if depth == 0 && token.is_punct('}') {
                    return k + 1;
                }
            }
            _ => {}
        }
    }
    tokens.len()
}

/// Each terminal crate the tokens name, with the lines naming it.
fn terminal_mentions(tokens: &[Token]) -> BTreeMap<String, Vec<usize>> {
    let mut mentions: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for token in tokens {
        if let Kind::Ident(name) = &token.kind
            && TERMINAL_CRATES.contains(&name.as_str())
        {
            mentions.entry(name.clone()).or_default().push(token.line);
        }
    }
    mentions
}

/// Lines holding at least one token: blank and comment-only lines do not count.
fn count_code_lines(tokens: &[Token]) -> usize {
    let lines: BTreeSet<usize> = tokens.iter().flat_map(|t| t.line..=t.end_line).collect();
    lines.len()
}

// ---------------------------------------------------------------------------------------------
// A small Rust lexer: enough to tell code from comments and literals.
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Debug, PartialEq)]
enum Kind {
    /// Identifiers and keywords (`r#name` is `name`).
    Ident(String),
    /// `::`
    PathSep,
    /// Any other punctuation, one character at a time.
    Punct(char),
    /// String, char and number literals; their contents do not matter here.
    Literal,
    Lifetime,
}

#[derive(Clone, Debug)]
struct Token {
    kind: Kind,
    /// 1-based; `end_line` differs for a string spanning lines.
    line: usize,
    end_line: usize,
}

impl Token {
    fn is_ident(&self, name: &str) -> bool {
        matches!(&self.kind, Kind::Ident(n) if n == name)
    }

    fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }
}

/// Splits source into tokens, dropping whitespace and all comments (doc comments included, so
/// a doc link like [`crate::x`] is no import).
fn lex(source: &str) -> Vec<Token> {
    let chars: Vec<char> = source.chars().collect();
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    let mut tokens = Vec::new();
    let mut line = 1;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start_line = line;
        let kind = if c == '\n' {
            line += 1;
            i += 1;
            continue;
        } else if c.is_whitespace() {
            i += 1;
            continue;
        } else if c == '/' && at(i + 1) == '/' {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
            continue;
        } else if c == '/' && at(i + 1) == '*' {
            i = skip_block_comment(&chars, i, &mut line);
            continue;
        } else if c == '"' {
            i = skip_string(&chars, i + 1, &mut line);
            Kind::Literal
        } else if c == '\'' {
            if at(i + 1) == '\\' {
                // An escape: '\n', '\'', '\u{2028}'. Past the quote, backslash and next char.
                i += 3;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
                Kind::Literal
            } else if at(i + 2) == '\'' {
                i += 3;
                Kind::Literal
            } else {
                i += 1;
                while is_ident_char(at(i)) {
                    i += 1;
                }
                Kind::Lifetime
            }
        } else if c.is_ascii_digit() {
            while is_ident_char(at(i)) {
                i += 1;
            }
            Kind::Literal
        } else if is_ident_char(c) {
            let start = i;
            while is_ident_char(at(i)) {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            match (word.as_str(), at(i)) {
                // Byte and C strings, byte chars: b"..", c"..", b'x'.
                ("b" | "c", '"') => {
                    i = skip_string(&chars, i + 1, &mut line);
                    Kind::Literal
                }
                ("b", '\'') => {
                    // Past the opening quote and the first char (both chars, if escaped).
                    i += if at(i + 1) == '\\' { 3 } else { 2 };
                    while i < chars.len() && chars[i] != '\'' {
                        i += 1;
                    }
                    i += 1;
                    Kind::Literal
                }
                // Raw strings: r"..", r#".."#, br, cr.
                ("r" | "br" | "cr", '"' | '#') if raw_string_ahead(&chars, i) => {
                    i = skip_raw_string(&chars, i, &mut line);
                    Kind::Literal
                }
                // Raw identifiers: r#type.
                ("r", '#') if is_ident_char(at(i + 1)) => {
                    let start = i + 1;
                    i = start;
                    while is_ident_char(at(i)) {
                        i += 1;
                    }
                    Kind::Ident(chars[start..i].iter().collect())
                }
                _ => Kind::Ident(word),
            }
        } else if c == ':' && at(i + 1) == ':' {
            i += 2;
            Kind::PathSep
        } else {
            i += 1;
            Kind::Punct(c)
        };
        tokens.push(Token {
            kind,
            line: start_line,
            end_line: line,
        });
    }
    tokens
}

fn is_ident_char(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

/// Past a (nestable) block comment starting at `i`.
fn skip_block_comment(chars: &[char], mut i: usize, line: &mut usize) -> usize {
    let mut depth = 0usize;
    while i < chars.len() {
        match (chars[i], chars.get(i + 1).copied()) {
            ('/', Some('*')) => {
                depth += 1;
                i += 2;
            }
            ('*', Some('/')) => {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    return i;
                }
            }
            (c, _) => {
                *line += usize::from(c == '\n');
                i += 1;
            }
        }
    }
    i
}

/// Past the closing quote of a string whose contents start at `i`.
fn skip_string(chars: &[char], mut i: usize, line: &mut usize) -> usize {
    while i < chars.len() {
        match chars[i] {
            '\\' => {
                *line += usize::from(chars.get(i + 1) == Some(&'\n'));
                i += 2;
            }
            '"' => return i + 1,
            c => {
                *line += usize::from(c == '\n');
                i += 1;
            }
        }
    }
    i
}

/// Whether `#...#"` (or just `"`) starts at `i`, after a raw string's `r`.
fn raw_string_ahead(chars: &[char], i: usize) -> bool {
    let hashes = chars[i..].iter().take_while(|&&c| c == '#').count();
    chars.get(i + hashes) == Some(&'"')
}

/// Past a raw string whose hashes (if any) start at `i`.
fn skip_raw_string(chars: &[char], mut i: usize, line: &mut usize) -> usize {
    let hashes = chars[i..].iter().take_while(|&&c| c == '#').count();
    i += hashes + 1;
    while i < chars.len() {
        let closing_hashes = chars.get(i + 1..i + 1 + hashes);
        if chars[i] == '"' && closing_hashes.is_some_and(|h| h.iter().all(|&c| c == '#')) {
            return i + 1 + hashes;
        }
        *line += usize::from(chars[i] == '\n');
        i += 1;
    }
    i
}

// ---------------------------------------------------------------------------------------------
// Graph algorithms over node indices.
// ---------------------------------------------------------------------------------------------

struct Graph {
    /// Successors of each node, sorted, so results do not depend on input order.
    next: Vec<Vec<usize>>,
}

impl Graph {
    fn from_edges(nodes: usize, edges: impl IntoIterator<Item = (usize, usize)>) -> Graph {
        let mut next = vec![Vec::new(); nodes];
        for (from, to) in edges {
            next[from].push(to);
        }
        for successors in &mut next {
            successors.sort_unstable();
            successors.dedup();
        }
        Graph { next }
    }

    /// The strongly connected components of more than one node, each sorted (Tarjan's
    /// algorithm).
    fn cycles(&self) -> Vec<Vec<usize>> {
        struct Tarjan<'g> {
            graph: &'g Graph,
            index: Vec<Option<usize>>,
            low: Vec<usize>,
            stack: Vec<usize>,
            on_stack: Vec<bool>,
            counter: usize,
            components: Vec<Vec<usize>>,
        }
        impl Tarjan<'_> {
            fn visit(&mut self, v: usize) {
                self.index[v] = Some(self.counter);
                self.low[v] = self.counter;
                self.counter += 1;
                self.stack.push(v);
                self.on_stack[v] = true;
                for &w in &self.graph.next[v] {
                    match self.index[w] {
                        None => {
                            self.visit(w);
                            self.low[v] = self.low[v].min(self.low[w]);
                        }
                        Some(index_w) if self.on_stack[w] => {
                            self.low[v] = self.low[v].min(index_w);
                        }
                        Some(_) => {}
                    }
                }
                if Some(self.low[v]) == self.index[v] {
                    let mut component = Vec::new();
                    while let Some(w) = self.stack.pop() {
                        self.on_stack[w] = false;
                        component.push(w);
                        if w == v {
                            break;
                        }
                    }
                    component.sort_unstable();
                    self.components.push(component);
                }
            }
        }
        let n = self.next.len();
        let mut tarjan = Tarjan {
            graph: self,
            index: vec![None; n],
            low: vec![0; n],
            stack: Vec::new(),
            on_stack: vec![false; n],
            counter: 0,
            components: Vec::new(),
        };
        for v in 0..n {
            if tarjan.index[v].is_none() {
                tarjan.visit(v);
            }
        }
        let mut components: Vec<Vec<usize>> = tarjan
            .components
            .into_iter()
            .filter(|c| c.len() > 1)
            .collect();
        components.sort();
        components
    }

    /// A shortest cycle from `start` back to itself through `within` (breadth-first), as the
    /// nodes visited, `start` first and last.
    fn shortest_cycle(&self, start: usize, within: &[usize]) -> Vec<usize> {
        let mut came_from: HashMap<usize, usize> = HashMap::new();
        let mut queue = VecDeque::from([start]);
        while let Some(v) = queue.pop_front() {
            for &w in &self.next[v] {
                if !within.contains(&w) || came_from.contains_key(&w) {
                    continue;
                }
                came_from.insert(w, v);
                if w == start {
                    let mut cycle = vec![start];
                    let mut at = v;
                    while at != start {
                        cycle.push(at);
                        at = came_from[&at];
                    }
                    cycle.push(start);
                    cycle.reverse();
                    return cycle;
                }
                queue.push_back(w);
            }
        }
        vec![start]
    }
}

// ---------------------------------------------------------------------------------------------
// The analysis on synthetic trees.
// ---------------------------------------------------------------------------------------------

mod synthetic {
    use super::*;

    /// The edges of a tree, as `from -> to` file paths.
    fn edges(tree: &Tree) -> Vec<String> {
        tree.edges
            .iter()
            .map(|e| format!("{} -> {}", tree.path(e.from), tree.path(e.to)))
            .collect()
    }

    #[test]
    fn a_loop_between_two_files_is_found() {
        let tree = Tree::analyse(&[
            ("src/lib.rs", "pub mod a;\npub mod b;\n"),
            ("src/a.rs", "use crate::b::B;\npub struct A;\n"),
            (
                "src/b.rs",
                "pub struct B;\npub fn f() -> super::a::A { crate::a::A }\n",
            ),
        ]);
        let cycles = check_file_cycles(&tree);
        assert_eq!(cycles.len(), 1, "{cycles:?}");
        assert!(cycles[0].contains("src/a.rs, src/b.rs"), "{}", cycles[0]);
        assert!(
            cycles[0].contains("src/a.rs:1 imports src/b.rs"),
            "{}",
            cycles[0]
        );
        assert!(
            cycles[0].contains("src/b.rs:2 imports src/a.rs"),
            "{}",
            cycles[0]
        );
    }

    #[test]
    fn a_re_export_through_mod_rs_resolves_to_the_defining_file() {
        let tree = Tree::analyse(&[
            ("src/lib.rs", "pub mod model;\npub mod query;\n"),
            (
                "src/model/mod.rs",
                "mod doc;\nmod date;\npub use doc::Doc;\npub(crate) use date::{Date as Day};\n",
            ),
            ("src/model/doc.rs", "pub struct Doc;\n"),
            ("src/model/date.rs", "pub struct Date;\n"),
            (
                "src/query.rs",
                "use crate::model::{self, Doc};\nfn f(_: model::Day) {}\n",
            ),
        ]);
        assert_eq!(
            edges(&tree),
            [
                "src/model/mod.rs -> src/model/date.rs",
                "src/model/mod.rs -> src/model/doc.rs",
                "src/query.rs -> src/model/date.rs",
                "src/query.rs -> src/model/doc.rs",
            ]
        );
        // A file importing its parent's re-export is no cycle with the parent.
        assert!(check_file_cycles(&tree).is_empty());
    }

    #[test]
    fn a_parent_that_only_re_exports_its_child_is_no_cycle_but_one_that_calls_it_is() {
        let child = "use super::Shared;\npub fn draw(_: Shared) {}\n";
        let reexports = Tree::analyse(&[
            ("src/lib.rs", "pub mod ui;\n"),
            (
                "src/ui/mod.rs",
                "mod bar;\npub use bar::draw;\npub struct Shared;\n",
            ),
            ("src/ui/bar.rs", child),
        ]);
        assert!(check_file_cycles(&reexports).is_empty());
        let calls = Tree::analyse(&[
            ("src/lib.rs", "pub mod ui;\n"),
            (
                "src/ui/mod.rs",
                "mod bar;\npub struct Shared;\npub fn all() { bar::draw(Shared) }\n",
            ),
            ("src/ui/bar.rs", child),
        ]);
        let cycles = check_file_cycles(&calls);
        assert_eq!(cycles.len(), 1, "{cycles:?}");
        assert!(cycles[0].contains("src/ui/mod.rs:3 imports src/ui/bar.rs"));
    }

    #[test]
    fn comments_strings_and_tests_import_nothing() {
        let tree = Tree::analyse(&[
            ("src/lib.rs", "pub mod a;\npub mod b;\n"),
            ("src/a.rs", "pub struct A;\n"),
            (
                "src/b.rs",
                concat!(
                    "//! See [`crate::a::A`].\n",
                    "/* crate::a::A */\n",
                    "const S: &str = \"crate::a::A // {\";\n",
                    "#[cfg(test)]\n",
                    "mod tests {\n",
                    "    use crate::a::A;\n",
                    "}\n",
                    "pub fn after_the_tests() {}\n",
                ),
            ),
        ]);
        assert!(edges(&tree).is_empty(), "{:?}", edges(&tree));
        let b = tree.files.iter().find(|f| f.path == "src/b.rs");
        assert_eq!(b.map(|f| f.code_lines), Some(2));
    }

    #[test]
    fn a_clean_tree_passes_every_check() {
        let tree = Tree::analyse(&[
            (
                "src/lib.rs",
                "pub mod model;\npub mod analysis;\npub mod tui;\n",
            ),
            ("src/main.rs", "fn main() { briefdeck::tui::run() }\n"),
            ("src/model/mod.rs", "mod doc;\npub use doc::Doc;\n"),
            ("src/model/doc.rs", "pub struct Doc;\n"),
            (
                "src/analysis.rs",
                "use crate::model::Doc;\npub fn score(_: &Doc) -> u32 { 1 }\n",
            ),
            (
                "src/tui/mod.rs",
                "mod draw;\npub fn run() { draw::frame(); }\n",
            ),
            (
                "src/tui/draw.rs",
                "use ratatui::Frame;\npub fn frame() { crate::analysis::score(&crate::model::Doc); }\n",
            ),
        ]);
        assert_eq!(
            edges(&tree),
            [
                "src/analysis.rs -> src/model/doc.rs",
                "src/model/mod.rs -> src/model/doc.rs",
                "src/tui/draw.rs -> src/analysis.rs",
                "src/tui/draw.rs -> src/model/doc.rs",
                "src/tui/mod.rs -> src/tui/draw.rs",
            ]
        );
        assert!(check_file_cycles(&tree).is_empty());
        assert!(check_reexports(&tree).is_empty());
        assert!(check_layers(&tree).is_empty());
        assert!(check_terminal_crates(&tree).is_empty());
        assert!(check_file_sizes(&tree).is_empty());
    }

    #[test]
    fn each_rule_reports_its_violations() {
        let long_file = "fn f() {}\n".repeat(MAX_CODE_LINES + 1);
        let tree = Tree::analyse(&[
            (
                "src/lib.rs",
                "pub mod model;\npub mod ingest;\npub mod analysis;\npub mod extra;\n",
            ),
            (
                "src/model.rs",
                "pub use crossterm::event::KeyCode;\npub fn f() { crate::analysis::g() }\n",
            ),
            ("src/ingest.rs", "use super::analysis::g;\n"),
            ("src/analysis.rs", "pub fn g() {}\n"),
            ("src/extra.rs", long_file.as_str()),
        ]);
        assert_eq!(
            check_reexports(&tree),
            ["src/model.rs:1 re-exports crossterm::event::KeyCode; only a mod.rs may re-export"]
        );
        assert_eq!(
            check_layers(&tree),
            [
                "module `extra` (src/extra.rs) is in no layer: add it to LAYERS",
                "src/ingest.rs -> src/analysis.rs (layer 1 -> layer 1; ingest, analysis must not \
                 import each other) [line 1]",
                "src/model.rs -> src/analysis.rs (layer 0 -> layer 1) [line 2]",
            ]
        );
        assert_eq!(
            check_terminal_crates(&tree),
            ["src/model.rs:1 names `crossterm` (1 mention(s)); only src/tui/ may"]
        );
        assert_eq!(
            check_file_sizes(&tree),
            [format!(
                "src/extra.rs: {} lines of non-test code (limit {MAX_CODE_LINES})",
                MAX_CODE_LINES + 1
            )]
        );
    }

    #[test]
    fn a_cycle_between_top_level_modules_is_reported() {
        let tree = Tree::analyse(&[
            ("src/lib.rs", "pub mod query;\npub mod state;\n"),
            ("src/query.rs", "pub fn q() { crate::state::s() }\n"),
            ("src/state/mod.rs", "mod store;\npub use store::s;\n"),
            (
                "src/state/store.rs",
                "pub fn s() {}\nfn t() { crate::query::q() }\n",
            ),
        ]);
        let problems = check_layers(&tree);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].starts_with("top-level modules import each other: query -> state -> query")
        );
    }

    #[test]
    fn the_lexer_tells_code_from_literals_and_lifetimes() {
        let tokens = lex(concat!(
            "let r = r#\"crate::quoted \"inner\" \"#; let c = '\"'; let q = '\\'';\n",
            "fn f<'a>(x: &'a str) -> &'a str { x } let b = b'\\''; let s = b\"x\\\"y\";\n",
            "/* outer /* nested */ still comment */ crate::real::path();\n",
        ));
        let idents: Vec<&str> = tokens
            .iter()
            .filter_map(|t| match &t.kind {
                Kind::Ident(name) => Some(name.as_str()),
                _ => None,
            })
            .collect();
        assert!(idents.contains(&"real"), "{idents:?}");
        assert!(!idents.contains(&"quoted") && !idents.contains(&"inner"));
        assert!(!idents.contains(&"still") && !idents.contains(&"y"));
        assert_eq!(tokens.last().map(|t| t.line), Some(3));
    }
}
