//! Colours as config files write them, the roles they are given to, and the two built-in
//! themes. Plain data: the dashboard turns a role's colour into a terminal style, and
//! `briefdeck config` writes the theme's values out for the user to start from.

use std::fmt;

/// The 16 colours every colour terminal has; built-in themes use only these, so they follow
/// the terminal's own palette (and its light or dark background).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum Ansi {
    Black,
    Red,
    Green,
    Yellow,
    Blue,
    Magenta,
    Cyan,
    Gray,
    DarkGray,
    LightRed,
    LightGreen,
    LightYellow,
    LightBlue,
    LightMagenta,
    LightCyan,
    White,
}

impl Ansi {
    /// Every named colour with its config spelling.
    pub const ALL: [(Ansi, &'static str); 16] = [
        (Ansi::Black, "black"),
        (Ansi::Red, "red"),
        (Ansi::Green, "green"),
        (Ansi::Yellow, "yellow"),
        (Ansi::Blue, "blue"),
        (Ansi::Magenta, "magenta"),
        (Ansi::Cyan, "cyan"),
        (Ansi::Gray, "gray"),
        (Ansi::DarkGray, "dark_gray"),
        (Ansi::LightRed, "light_red"),
        (Ansi::LightGreen, "light_green"),
        (Ansi::LightYellow, "light_yellow"),
        (Ansi::LightBlue, "light_blue"),
        (Ansi::LightMagenta, "light_magenta"),
        (Ansi::LightCyan, "light_cyan"),
        (Ansi::White, "white"),
    ];

    fn name(self) -> &'static str {
        Ansi::ALL
            .iter()
            .find(|(a, _)| *a == self)
            .map_or("default", |(_, n)| n)
    }
}

/// A colour a role can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ColorValue {
    /// The terminal's own foreground or background.
    Default,
    /// One of the 16 named colours.
    Named(Ansi),
    /// An entry of the 256-colour palette.
    Indexed(u8),
    /// A 24-bit colour, shown as the nearest of the 256 unless the terminal says it has more.
    Rgb(u8, u8, u8),
}

impl ColorValue {
    /// Reads `"yellow"`, `"light-blue"`, `"default"`, `"#ffaa00"` or `"214"`.
    pub fn parse(s: &str) -> Result<ColorValue, String> {
        let norm: String = s
            .trim()
            .chars()
            .filter(|c| !matches!(c, '_' | '-' | ' '))
            .flat_map(char::to_lowercase)
            .collect::<String>()
            .replace("grey", "gray");
        if matches!(norm.as_str(), "default" | "reset" | "none") {
            return Ok(ColorValue::Default);
        }
        if let Some((a, _)) = Ansi::ALL.iter().find(|(_, n)| n.replace('_', "") == norm) {
            return Ok(ColorValue::Named(*a));
        }
        if let Some(hex) = norm.strip_prefix('#')
            && hex.len() == 6
            && hex.chars().all(|c| c.is_ascii_hexdigit())
        {
            let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0);
            return Ok(ColorValue::Rgb(byte(0), byte(2), byte(4)));
        }
        if let Ok(i) = norm.parse::<u8>() {
            return Ok(ColorValue::Indexed(i));
        }
        Err(format!(
            "unknown colour `{}` (use a name such as yellow, light_blue, dark_gray or default; \
             a 256-colour index 0-255; or \"#rrggbb\")",
            s.escape_debug()
        ))
    }

    /// How a config file writes it: a quoted name or `#rrggbb`, or a bare index.
    pub fn to_toml(self) -> String {
        match self {
            ColorValue::Indexed(i) => i.to_string(),
            other => format!("\"{other}\""),
        }
    }
}

impl fmt::Display for ColorValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ColorValue::Default => f.write_str("default"),
            ColorValue::Named(a) => f.write_str(a.name()),
            ColorValue::Indexed(i) => write!(f, "{i}"),
            ColorValue::Rgb(r, g, b) => write!(f, "#{r:02x}{g:02x}{b:02x}"),
        }
    }
}

impl<'de> serde::Deserialize<'de> for ColorValue {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = ColorValue;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a colour name, \"#rrggbb\" or a number 0-255")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<ColorValue, E> {
                ColorValue::parse(s).map_err(E::custom)
            }
            fn visit_i64<E: serde::de::Error>(self, i: i64) -> Result<ColorValue, E> {
                u8::try_from(i)
                    .map(ColorValue::Indexed)
                    .map_err(|_| E::custom(format!("colour index {i} is not in 0-255")))
            }
            fn visit_u64<E: serde::de::Error>(self, i: u64) -> Result<ColorValue, E> {
                u8::try_from(i)
                    .map(ColorValue::Indexed)
                    .map_err(|_| E::custom(format!("colour index {i} is not in 0-255")))
            }
        }
        d.deserialize_any(V)
    }
}

/// The built-in colour schemes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ThemeName {
    /// For terminals with a dark background (the usual default).
    #[default]
    Dark,
    /// For terminals with a light background: no yellow or light colours on white.
    Light,
}

impl ThemeName {
    /// The config spelling.
    pub fn name(self) -> &'static str {
        match self {
            ThemeName::Dark => "dark",
            ThemeName::Light => "light",
        }
    }
}

macro_rules! roles {
    ($($variant:ident $name:literal $desc:literal dark: $dark:expr, light: $light:expr;)*) => {
        /// What a colour is used for on screen; each has a name in `[colors]`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[allow(missing_docs)]
        pub enum Role { $($variant,)* }

        impl Role {
            /// Every role, in the order `briefdeck config` and the README list them.
            pub const ALL: &'static [Role] = &[$(Role::$variant,)*];

            /// The key in `[colors]`.
            pub fn name(self) -> &'static str {
                match self { $(Role::$variant => $name,)* }
            }

            /// Where the colour shows, for the generated config and the README.
            pub fn description(self) -> &'static str {
                match self { $(Role::$variant => $desc,)* }
            }

            /// The role's colour in built-in `theme`.
            pub fn default_in(self, theme: ThemeName) -> ColorValue {
                use Ansi::*;
                use ColorValue::*;
                match (theme, self) {
                    $((ThemeName::Dark, Role::$variant) => $dark,
                      (ThemeName::Light, Role::$variant) => $light,)*
                }
            }
        }

        /// `[colors]` as written: the theme and any role set by hand.
        #[derive(Debug, Default, serde::Deserialize)]
        #[serde(deny_unknown_fields, expecting = "a table")]
        #[allow(non_snake_case)]
        pub(crate) struct RawColors {
            pub(crate) theme: Option<ThemeName>,
            $(
                #[serde(rename = $name)]
                $variant: Option<ColorValue>,
            )*
        }

        impl RawColors {
            pub(crate) fn roles(&self) -> Vec<(Role, ColorValue)> {
                let mut out = Vec::new();
                $(if let Some(c) = self.$variant { out.push((Role::$variant, c)); })*
                out
            }
        }
    };
}

roles! {
    Accent "accent" "focused pane border, pop-up frame, scroll bar, loading gauge"
        dark: Named(Cyan), light: Named(Blue);
    Border "border" "borders of the other panes, scroll bar track"
        dark: Named(DarkGray), light: Named(DarkGray);
    Title "title" "the document title in the reader"
        dark: Named(Yellow), light: Named(Blue);
    Heading "heading" "section headings in the reader"
        dark: Named(LightBlue), light: Named(Blue);
    Selection "selection" "background of the selected row"
        dark: Named(DarkGray), light: Named(Gray);
    Fuzzy "fuzzy" "characters the filter matched in titles and takeaways"
        dark: Named(LightYellow), light: Named(Red);
    Match "match" "background of query matches in the reader"
        dark: Named(Yellow), light: Named(Yellow);
    MatchText "match_text" "text on a query match"
        dark: Named(Black), light: Named(Black);
    CurrentMatch "current_match" "background of the match n/N moved to"
        dark: Named(LightRed), light: Named(LightRed);
    Source "source" "takeaway sources in the reader, shared concepts in the linked pane"
        dark: Named(Cyan), light: Named(Blue);
    ActiveSource "active_source" "background of the source of the takeaway being shown"
        dark: Named(Blue), light: Named(Blue);
    ActiveSourceText "active_source_text" "text of the source of the takeaway being shown"
        dark: Named(White), light: Named(White);
    Chip "chip" "#theme chips"
        dark: Named(Magenta), light: Named(Magenta);
    Read "read" "the ✓ of documents already read"
        dark: Named(Green), light: Named(Green);
    Star "star" "the ★ of starred takeaways"
        dark: Named(LightYellow), light: Named(Magenta);
    Key "key" "keys in the help"
        dark: Named(Yellow), light: Named(Blue);
    Warning "warning" "status remarks, query notes, skipped files, match counts"
        dark: Named(Yellow), light: Named(Red);
    Error "error" "a reading state that cannot be saved"
        dark: Named(LightRed), light: Named(Red);
    Dim "dim" "secondary text (drawn dim as well)"
        dark: Default, light: Default;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_spellings() {
        assert_eq!(
            ColorValue::parse("yellow"),
            Ok(ColorValue::Named(Ansi::Yellow))
        );
        assert_eq!(
            ColorValue::parse("Light-Blue"),
            Ok(ColorValue::Named(Ansi::LightBlue))
        );
        assert_eq!(
            ColorValue::parse("dark grey"),
            Ok(ColorValue::Named(Ansi::DarkGray))
        );
        assert_eq!(
            ColorValue::parse("#FFaa00"),
            Ok(ColorValue::Rgb(255, 170, 0))
        );
        assert_eq!(ColorValue::parse("214"), Ok(ColorValue::Indexed(214)));
        assert_eq!(ColorValue::parse("none"), Ok(ColorValue::Default));
        for bad in ["purple", "#ffaa0", "#gggggg", "256", ""] {
            assert!(ColorValue::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn display_reads_back() {
        for c in [
            ColorValue::Default,
            ColorValue::Named(Ansi::LightMagenta),
            ColorValue::Indexed(7),
            ColorValue::Rgb(1, 2, 255),
        ] {
            assert_eq!(ColorValue::parse(&c.to_string()), Ok(c));
        }
    }

    #[test]
    fn light_theme_avoids_light_colours_for_text() {
        for &role in Role::ALL {
            if let ColorValue::Named(a) = role.default_in(ThemeName::Light)
                && matches!(
                    role,
                    Role::Title | Role::Fuzzy | Role::Star | Role::Warning | Role::Key
                )
            {
                assert!(
                    !matches!(a, Ansi::LightYellow | Ansi::Yellow | Ansi::White),
                    "{role:?}"
                );
            }
        }
    }
}
