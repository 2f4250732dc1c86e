//! The styles the panes draw with, built once from the config's colours and the terminal's
//! abilities, so drawing only reads them and a theme change touches no drawing code.

use ratatui::style::{Color, Modifier, Style};

use crate::config::{Ansi, ColorValue, ColorsConfig, Role};

/// How many colours to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColorMode {
    /// None at all (`NO_COLOR`): only bold, reverse, underline and dim, so selection and matches
    /// still show.
    None,
    /// The 256-colour palette: `#rrggbb` colours become the nearest entry.
    #[default]
    Indexed,
    /// 24-bit colour, when `COLORTERM` says the terminal has it.
    TrueColor,
}

impl ColorMode {
    /// The mode the environment asks for: `NO_COLOR` set and not empty turns colour off
    /// (<https://no-color.org>); `COLORTERM=truecolor` or `24bit` allows 24-bit colour.
    pub fn from_env() -> ColorMode {
        ColorMode::from_vars(
            std::env::var_os("NO_COLOR")
                .as_deref()
                .and_then(|v| v.to_str()),
            std::env::var("COLORTERM").ok().as_deref(),
        )
    }

    /// [`ColorMode::from_env`] with the variables passed in, for tests.
    pub fn from_vars(no_color: Option<&str>, colorterm: Option<&str>) -> ColorMode {
        if no_color.is_some_and(|v| !v.is_empty()) {
            ColorMode::None
        } else if matches!(colorterm, Some("truecolor" | "24bit")) {
            ColorMode::TrueColor
        } else {
            ColorMode::Indexed
        }
    }
}

/// Every style the dashboard draws with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub struct Palette {
    pub dim: Style,
    pub title: Style,
    pub heading: Style,
    pub quote: Style,
    pub selected: Style,
    pub fuzzy: Style,
    pub matched: Style,
    pub current_match: Style,
    pub source: Style,
    pub active_source: Style,
    pub chip: Style,
    pub read: Style,
    pub star: Style,
    pub focus_border: Style,
    pub border: Style,
    pub warn: Style,
    pub key: Style,
    pub error: Style,
}

impl Default for Palette {
    /// The dark theme in colour: what the dashboard looks like with no config.
    fn default() -> Self {
        Palette::new(&ColorsConfig::default(), ColorMode::Indexed)
    }
}

fn named(a: Ansi) -> Color {
    match a {
        Ansi::Black => Color::Black,
        Ansi::Red => Color::Red,
        Ansi::Green => Color::Green,
        Ansi::Yellow => Color::Yellow,
        Ansi::Blue => Color::Blue,
        Ansi::Magenta => Color::Magenta,
        Ansi::Cyan => Color::Cyan,
        Ansi::Gray => Color::Gray,
        Ansi::DarkGray => Color::DarkGray,
        Ansi::LightRed => Color::LightRed,
        Ansi::LightGreen => Color::LightGreen,
        Ansi::LightYellow => Color::LightYellow,
        Ansi::LightBlue => Color::LightBlue,
        Ansi::LightMagenta => Color::LightMagenta,
        Ansi::LightCyan => Color::LightCyan,
        Ansi::White => Color::White,
    }
}

/// The entry of the xterm 256-colour palette (its 6×6×6 cube or grey ramp) nearest to an RGB
/// colour, for terminals that cannot show 24-bit colour.
pub fn nearest_256(r: u8, g: u8, b: u8) -> u8 {
    const LEVELS: [u8; 6] = [0, 95, 135, 175, 215, 255];
    let level = |v: u8| {
        (0..6)
            .min_by_key(|&i| (i32::from(LEVELS[i]) - i32::from(v)).abs())
            .unwrap_or(0)
    };
    let dist = |(r2, g2, b2): (u8, u8, u8)| {
        let d = |a: u8, b: u8| (i32::from(a) - i32::from(b)).pow(2);
        d(r, r2) + d(g, g2) + d(b, b2)
    };
    let (ri, gi, bi) = (level(r), level(g), level(b));
    let cube = (LEVELS[ri], LEVELS[gi], LEVELS[bi]);
    let cube_index = 16 + 36 * ri + 6 * gi + bi;
    let grey_i = (0..24)
        .min_by_key(|&i| {
            let v = 8 + 10 * i;
            dist((v, v, v))
        })
        .unwrap_or(0);
    let grey_v = 8 + 10 * grey_i;
    if dist((grey_v, grey_v, grey_v)) < dist(cube) {
        232 + grey_i
    } else {
        cube_index as u8
    }
}

impl Palette {
    /// The styles for `colors` in `mode`.
    pub fn new(colors: &ColorsConfig, mode: ColorMode) -> Palette {
        let c = |role: Role| -> Option<Color> {
            match (mode, colors.color(role)) {
                (ColorMode::None, _) | (_, ColorValue::Default) => None,
                (_, ColorValue::Named(a)) => Some(named(a)),
                (_, ColorValue::Indexed(i)) => Some(Color::Indexed(i)),
                (ColorMode::TrueColor, ColorValue::Rgb(r, g, b)) => Some(Color::Rgb(r, g, b)),
                (_, ColorValue::Rgb(r, g, b)) => Some(Color::Indexed(nearest_256(r, g, b))),
            }
        };
        let fg = |role: Role| {
            let s = Style::new();
            match c(role) {
                Some(color) => s.fg(color),
                None => s,
            }
        };
        let bg = |s: Style, role: Role| match c(role) {
            Some(color) => s.bg(color),
            None => s,
        };
        let bold = Modifier::BOLD;
        let none = mode == ColorMode::None;
        // Without colour, what only a background told apart is shown reversed instead.
        let or_reversed = |s: Style, extra: Modifier| {
            if none {
                s.add_modifier(Modifier::REVERSED | extra)
            } else {
                s
            }
        };
        Palette {
            dim: fg(Role::Dim).add_modifier(Modifier::DIM),
            title: fg(Role::Title).add_modifier(bold),
            heading: fg(Role::Heading).add_modifier(bold),
            quote: Style::new().add_modifier(Modifier::ITALIC),
            selected: or_reversed(bg(Style::new(), Role::Selection), Modifier::empty()),
            fuzzy: fg(Role::Fuzzy).add_modifier(bold | Modifier::UNDERLINED),
            matched: or_reversed(bg(fg(Role::MatchText), Role::Match), Modifier::empty()),
            current_match: or_reversed(
                bg(fg(Role::MatchText), Role::CurrentMatch),
                Modifier::UNDERLINED,
            )
            .add_modifier(bold),
            source: fg(Role::Source),
            active_source: if none {
                Style::new().add_modifier(bold | Modifier::UNDERLINED)
            } else {
                bg(fg(Role::ActiveSourceText), Role::ActiveSource)
            },
            chip: fg(Role::Chip),
            read: fg(Role::Read),
            star: fg(Role::Star).add_modifier(bold),
            focus_border: fg(Role::Accent),
            border: fg(Role::Border),
            warn: fg(Role::Warning),
            key: fg(Role::Key),
            error: fg(Role::Error),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ThemeName;

    #[test]
    fn default_is_the_dark_theme_as_it_always_looked() {
        let p = Palette::default();
        assert_eq!(
            p.title,
            Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
        );
        assert_eq!(p.selected, Style::new().bg(Color::DarkGray));
        assert_eq!(p.matched, Style::new().fg(Color::Black).bg(Color::Yellow));
        assert_eq!(p.dim, Style::new().add_modifier(Modifier::DIM));
        assert_eq!(p.focus_border, Style::new().fg(Color::Cyan));
    }

    #[test]
    fn no_color_keeps_selection_and_matches_visible() {
        let p = Palette::new(&ColorsConfig::default(), ColorMode::None);
        for s in [
            p.title,
            p.selected,
            p.matched,
            p.current_match,
            p.chip,
            p.border,
        ] {
            assert_eq!((s.fg, s.bg), (None, None), "{s:?}");
        }
        assert!(p.selected.add_modifier.contains(Modifier::REVERSED));
        assert!(p.matched.add_modifier.contains(Modifier::REVERSED));
        assert_ne!(p.matched, p.current_match);
    }

    #[test]
    fn overrides_and_downgrade() {
        let mut colors = ColorsConfig {
            theme: ThemeName::Light,
            ..ColorsConfig::default()
        };
        colors
            .roles
            .insert(Role::Accent, ColorValue::Rgb(0xff, 0xaa, 0x00));
        colors.roles.insert(Role::Chip, ColorValue::Indexed(214));
        let p = Palette::new(&colors, ColorMode::Indexed);
        assert_eq!(p.focus_border.fg, Some(Color::Indexed(214)));
        assert_eq!(p.chip.fg, Some(Color::Indexed(214)));
        let p = Palette::new(&colors, ColorMode::TrueColor);
        assert_eq!(p.focus_border.fg, Some(Color::Rgb(0xff, 0xaa, 0x00)));
        assert_ne!(
            Palette::new(&colors, ColorMode::Indexed),
            Palette::default()
        );
    }

    #[test]
    fn nearest_colours() {
        assert_eq!(nearest_256(0, 0, 0), 16);
        assert_eq!(nearest_256(255, 255, 255), 231);
        assert_eq!(nearest_256(0xff, 0xaf, 0x00), 214);
        assert_eq!(nearest_256(128, 128, 128), 244);
    }

    #[test]
    fn environment() {
        assert_eq!(
            ColorMode::from_vars(Some("1"), Some("truecolor")),
            ColorMode::None
        );
        assert_eq!(
            ColorMode::from_vars(Some(""), Some("truecolor")),
            ColorMode::TrueColor
        );
        assert_eq!(
            ColorMode::from_vars(None, Some("24bit")),
            ColorMode::TrueColor
        );
        assert_eq!(ColorMode::from_vars(None, None), ColorMode::Indexed);
    }
}
